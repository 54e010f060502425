using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts feed parse FILE|URL [--json]</c>: shows what NewsAlerts reads from one feed (title, link, and per
/// item id, title, link, published time and summary text), then the parser's warnings. Exit 0 when anything was
/// parsed, 2 with one line when nothing could be.
/// </summary>
internal static class FeedCommand
{
    private const int SummaryLength = 280;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var location = new Argument<string>("file-or-url") { Description = "A feed file path, or an http(s) URL" };
        var json = new Option<bool>("--json") { Description = "Print the parsed feed as JSON" };
        var allowPrivate = new Option<bool>("--allow-private-network")
        {
            Description = "Allow URLs on loopback, private or link-local addresses (refused by default)",
        };
        var parse = new Command("parse", "Parse one feed and print its items and warnings") { location, json, allowPrivate };
        parse.SetAction((result, cancellationToken) => console.GuardAsync(() => ParseAsync(
            console, result.GetValue(location)!, result.GetValue(json), result.GetValue(allowPrivate), cancellationToken)));
        return new Command("feed", "Work with single feeds") { parse };
    }

    private static async Task<int> ParseAsync(CliConsole console, string location, bool asJson, bool allowPrivate, CancellationToken cancellationToken)
    {
        var source = Source(location, allowPrivate);
        if (source is null)
        {
            await console.Error.WriteLineAsync($"error: {location}: not an http(s) URL and no such file");
            return CliConsole.BadInput;
        }

        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddFeedFetching().BuildServiceProvider();
        FeedFetchResult fetched;
        try
        {
            fetched = await services.GetRequiredService<IFeedFetcher>().FetchAsync(source, null, cancellationToken);
        }
        catch (FeedFetchException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return CliConsole.BadInput;
        }

        var feed = FeedParser.Parse(fetched.Body, fetched.ContentType, fetched.Location);
        if (feed.IsEmpty)
        {
            await console.Error.WriteLineAsync($"error: {location}: nothing could be parsed: {feed.Warnings.FirstOrDefault() ?? "no feed title and no items"}");
            return CliConsole.BadInput;
        }

        var view = FeedView.From(feed);
        if (asJson)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(view, Json));
        }
        else
        {
            await PrintAsync(console, view);
        }

        return CliConsole.Success;
    }

    private static SourceConfig? Source(string location, bool allowPrivate)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return new SourceConfig { Id = "cli", Url = location, Location = url, AllowPrivateNetwork = allowPrivate };
        }

        var path = Path.GetFullPath(location);
        return File.Exists(path) ? new SourceConfig { Id = "cli", Url = location, Location = new Uri(path) } : null;
    }

    private static async Task PrintAsync(CliConsole console, FeedView view)
    {
        var output = console.Out;
        await output.WriteLineAsync($"{view.Title} ({view.Format})");
        await output.WriteLineAsync(view.Link ?? "(no link)");
        await output.WriteLineAsync($"{view.Items.Count} item(s)");
        foreach (var item in view.Items)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"  id:        {item.Id}");
            await output.WriteLineAsync($"  title:     {item.Title}");
            await output.WriteLineAsync($"  link:      {item.Link ?? "(none)"}");
            await output.WriteLineAsync($"  published: {item.Published?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)"}");
            await output.WriteLineAsync($"  summary:   {item.Summary}");
        }

        foreach (var warning in view.Warnings)
        {
            await console.Error.WriteLineAsync($"warning: {warning}");
        }
    }

    /// <summary>What the command prints, as text or JSON.</summary>
    private sealed record FeedView(string Title, string? Link, string Format, IReadOnlyList<ItemView> Items, IReadOnlyList<string> Warnings)
    {
        public static FeedView From(ParsedFeed feed)
        {
            var articles = ArticleNormalizer.NormalizeAll(new SourceConfig { Id = "cli" }, feed, default);
            var items = feed.Items.Zip(articles, (item, article) => new ItemView(
                item.Guid ?? article.Link?.AbsoluteUri ?? "",
                article.Title,
                article.Link?.AbsoluteUri,
                article.PublishedAt,
                Shorten(HtmlText.ToSingleLine(item.Summary ?? item.Content)))).ToList();
            return new FeedView(feed.Title, feed.Link?.AbsoluteUri, feed.Format, items, feed.Warnings);
        }

        private static string Shorten(string text) => text.Length <= SummaryLength ? text : text[..SummaryLength].TrimEnd() + "...";
    }

    private sealed record ItemView(string Id, string Title, string? Link, DateTimeOffset? Published, string Summary);
}
