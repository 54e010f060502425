using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Cli.Commands;

/// <summary><c>newsalerts match PATH...</c>: previews or backtests the watchlists on article files, one line per match.</summary>
internal static class MatchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var json = new Option<bool>("--json") { Description = "One JSON object per line: article, watchlist, score, highlights" };
        var paths = new Argument<string[]>("path")
        {
            Description = "Articles (.txt, first non-empty line is the title), feeds (RSS, Atom, JSON Feed: recognised by content, whatever the extension) or folders of them",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("match", "Match article files against the watchlists and print each match")
        {
            paths, config, json,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(() =>
            RunAsync(console, CliSettings.Host(CommonOptions.Overrides(result, config)).ConfigPath, result.GetValue(paths)!, result.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string configPath, string[] paths, bool json, CancellationToken cancellationToken)
    {
        var matcher = QueryMatcher.Create(ConfigLoader.Load(configPath));
        try
        {
            await foreach (var (name, article) in ArticleFiles.ReadAsync(paths, cancellationToken))
            {
                foreach (var match in matcher.Match(article))
                {
                    await console.Out.WriteLineAsync(json ? JsonLine(name, article, match) : TextLine(name, match));
                }
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            console.WriteErrorLine($"error: {ex.Message}");
            return CliConsole.BadInput;
        }

        return CliConsole.Success;
    }

    private static string TextLine(string article, WatchlistMatch match) =>
        $"{article}\t{match.WatchlistId}\t{match.Score.ToString("0.###", CultureInfo.InvariantCulture)}\t{string.Join(", ", match.MatchedTerms)}";

    private static string JsonLine(string name, Core.Articles.Article article, WatchlistMatch match) => JsonSerializer.Serialize(
        new
        {
            article = name,
            watchlist = match.WatchlistId,
            score = match.Score,
            highlights = match.Highlights.Select(h => new
            {
                field = h.Field,
                offset = h.Offset,
                length = h.Length,
                term = h.Term,
                text = (h.Field == ArticleFields.Title ? article.Title : article.Body).Substring(h.Offset, h.Length),
            }),
        },
        Json);
}
