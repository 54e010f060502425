using System.CommandLine;
using System.Globalization;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts watchlists check</c>: treats watchlists as tested code. Compiles every query and runs every
/// <c>examples.mustMatch</c> / <c>mustNotMatch</c> text; prints each failure with its explanation; exit 1 on any failure.
/// </summary>
internal static class WatchlistsCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var check = new Command("check", "Check every watchlist query and run its mustMatch / mustNotMatch examples")
        {
            config,
        };
        check.SetAction((result, cancellationToken) => console.GuardAsync(() =>
            CheckAsync(console, CliSettings.Host(CommonOptions.Overrides(result, config)).ConfigPath, cancellationToken)));
        return new Command("watchlists", "Work with the watchlists of a config") { check, WatchlistFeedUrlCommand.Create(console) };
    }

    private static async Task<int> CheckAsync(CliConsole console, string configPath, CancellationToken cancellationToken)
    {
        NewsAlertsConfig config;
        try
        {
            config = ConfigLoader.Load(configPath);
        }
        catch (ConfigException ex) when (ex.Errors.All(e => e.Field.Length > 0))
        {
            // The file was read: its problems (bad queries among them) are check failures, not unreadable input.
            foreach (var problem in ex.Errors)
            {
                await console.Error.WriteLineAsync($"FAIL {problem}");
            }

            return CliConsole.Failure;
        }

        var matcher = QueryMatcher.Create(config);
        var failures = 0;
        var examples = 0;
        foreach (var watchlist in config.Watchlists)
        {
            var cases = (watchlist.Examples?.MustMatch ?? []).Select((text, i) => (text, true, $"mustMatch[{i}]"))
                .Concat((watchlist.Examples?.MustNotMatch ?? []).Select((text, i) => (text, false, $"mustNotMatch[{i}]")));
            foreach (var (text, mustMatch, label) in cases)
            {
                examples++;
                var article = await ArticleFiles.AnalyseAsync(ArticleFiles.FromText(text, label), cancellationToken);
                var explanation = matcher.Explain(article, watchlist.Id)!;
                if (explanation.Matched != mustMatch)
                {
                    failures++;
                    await PrintFailureAsync(console, watchlist.Id, label, article.Title, mustMatch, explanation);
                }
            }
        }

        await console.Out.WriteLineAsync(
            $"{config.Watchlists.Count} watchlists, {examples} examples: {(failures == 0 ? "all passed" : $"{failures} failed")}");
        return failures == 0 ? CliConsole.Success : CliConsole.Failure;
    }

    private static async Task PrintFailureAsync(CliConsole console, string watchlistId, string label, string title, bool mustMatch, MatchExplanation explanation)
    {
        var outcome = mustMatch ? "did not match" : "matched";
        await console.Out.WriteLineAsync($"FAIL {watchlistId} {label} \"{title}\": {outcome}");
        if (explanation.Score < explanation.MinScore && !explanation.Matched && explanation.Clauses[0].Outcome == "true")
        {
            await console.Out.WriteLineAsync(
                $"     score {explanation.Score.ToString("0.###", CultureInfo.InvariantCulture)} is below minScore {explanation.MinScore.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var line in explanation.Lines())
        {
            await console.Out.WriteLineAsync($"     {line}");
        }

        foreach (var highlight in explanation.Highlights)
        {
            await console.Out.WriteLineAsync($"     {highlight.Term} at {highlight.Field} {highlight.Offset}+{highlight.Length}");
        }
    }
}
