using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Discovery;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts sources import|export|discover</c>: bring a feed reader's subscriptions in (OPML), take them out again,
/// and find a site's feeds from its address. Imports add to the config file in place, keeping the rest of it as written.
/// </summary>
internal static class SourcesCommand
{
    public static Command Create(CliConsole console) =>
        new("sources", "Import, export and discover feed sources") { Import(console), Export(console), Discover(console) };

    private static Command Import(CliConsole console)
    {
        var config = CommonOptions.Config();
        var file = new Argument<string>("opml-file") { Description = "An OPML subscription list, as feed readers export it" };
        var command = new Command("import", "Add the feeds of an OPML file to the config (feeds already there are skipped)") { file, config };
        command.SetAction((result, _) => console.GuardAsync(async () =>
        {
            var configPath = CliSettings.Host(CommonOptions.Overrides(result, config)).ConfigPath;
            var path = result.GetValue(file)!;
            IReadOnlyList<OpmlFeed> feeds;
            try
            {
                await using var stream = File.OpenRead(path);
                feeds = Opml.Read(stream);
            }
            catch (FormatException ex)
            {
                console.WriteErrorLine($"error: {path}: {ex.Message}");
                return CliConsole.BadInput;
            }
            catch (FileNotFoundException)
            {
                console.WriteErrorLine($"error: {path}: file not found");
                return CliConsole.BadInput;
            }

            var entries = feeds.Select(f => (f.Title, f.XmlUrl, (IReadOnlyList<string>)f.Categories)).ToList();
            return await AddAsync(console, configPath, entries, $"from {path}");
        }));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var config = CommonOptions.Config();
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Write the config's sources as an OPML 2.0 subscription list") { config, output };
        command.SetAction((result, _) => console.GuardAsync(async () =>
        {
            var loaded = ConfigLoader.Load(CliSettings.Host(CommonOptions.Overrides(result, config)).ConfigPath);
            using var buffer = new MemoryStream();
            Opml.Write(buffer, loaded.Sources, TimeProvider.System.GetUtcNow());
            if (result.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, buffer.ToArray());
                await console.Out.WriteLineAsync($"Wrote {loaded.Sources.Count} sources to {path}");
            }
            else
            {
                await console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }

            return CliConsole.Success;
        }));
        return command;
    }

    private static Command Discover(CliConsole console)
    {
        var config = CommonOptions.Config();
        var url = new Argument<string>("url") { Description = "A site's address, such as https://example.org/ (or a feed's own address)" };
        var add = new Option<bool>("--add") { Description = "Add the feeds found to the config" };
        var allowPrivate = new Option<bool>("--allow-private-network") { Description = "Allow loopback, private or link-local addresses (refused by default)" };
        var command = new Command("discover", "Find a site's feeds: the links its page announces, else the common feed paths") { url, add, allowPrivate, config };
        command.SetAction((result, cancellationToken) => console.GuardAsync(async () =>
        {
            var address = result.GetValue(url)!;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var page) || page.Scheme is not ("http" or "https"))
            {
                console.WriteErrorLine($"error: '{address}' is not an http(s) address");
                return CliConsole.BadInput;
            }

            using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddFeedFetching().BuildServiceProvider();
            IReadOnlyList<DiscoveredFeed> found;
            try
            {
                found = await new FeedDiscovery(services.GetRequiredService<IArticlePageFetcher>()).DiscoverAsync(page, result.GetValue(allowPrivate), cancellationToken);
            }
            catch (FeedFetchException ex)
            {
                console.WriteErrorLine($"error: {ex.Message}");
                return CliConsole.BadInput;
            }

            if (found.Count == 0)
            {
                console.WriteErrorLine($"error: no feed found for {page}: its page names none and none of {string.Join(", ", FeedDiscovery.CommonPaths)} is a feed");
                return CliConsole.BadInput;
            }

            foreach (var feed in found)
            {
                await console.Out.WriteLineAsync($"{feed.Url.AbsoluteUri}\t{feed.Title} ({feed.Format}, {feed.Items} items; found by {feed.FoundBy})");
            }

            if (!result.GetValue(add))
            {
                return CliConsole.Success;
            }

            var configPath = CliSettings.Host(CommonOptions.Overrides(result, config)).ConfigPath;
            return await AddAsync(console, configPath, found.Select(f => (f.Title, f.Url.AbsoluteUri, (IReadOnlyList<string>)[])).ToList(), $"found at {page}");
        }));
        return command;
    }

    /// <summary>Adds the feeds not yet in the config, each with an id made from its title; prints what it did.</summary>
    private static async Task<int> AddAsync(CliConsole console, string configPath, List<(string Title, string Url, IReadOnlyList<string> Tags)> feeds, string from)
    {
        var config = ConfigLoader.Load(configPath);
        var known = config.Sources.Select(s => s.Url.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ids = config.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var added = new List<ConfigFileEditor.NewSource>();
        var skipped = 0;
        foreach (var (title, url, tags) in feeds)
        {
            if (!known.Add(url.Trim()))
            {
                skipped++;
                continue;
            }

            added.Add(new ConfigFileEditor.NewSource(ConfigFileEditor.IdFor(title, url, ids), title.Length > 0 ? title : url, url, tags));
        }

        if (added.Count > 0)
        {
            ConfigFileEditor.AddSources(configPath, added);
        }

        await console.Out.WriteLineAsync($"Added {added.Count} source(s) {from} to {configPath}{(added.Count > 0 ? ": " + string.Join(", ", added.Select(a => a.Id)) : "")}"
            + (skipped > 0 ? $"; {skipped} already there" : ""));
        return CliConsole.Success;
    }
}
