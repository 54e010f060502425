using System.CommandLine;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Infrastructure.Outbox;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts watchlists feed-url [WATCHLIST]</c>: prints the link to a watchlist's Atom feed on the Functions app
/// (under <c>NewsAlerts:PublicBaseUrl</c>), signed with this installation's key; without a watchlist, one line per
/// watchlist. On a CLI-only install (no public address) it prints the feed file <c>run</c> keeps up to date instead,
/// writing it now when no match has made it yet.
/// </summary>
internal static class WatchlistFeedUrlCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var outbox = CommonOptions.Outbox();
        var watchlist = new Argument<string?>("watchlist") { Description = "The watchlist id; all watchlists when left out", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("feed-url", "Print the link to a watchlist's Atom feed, to paste into a feed reader")
        {
            watchlist, config, state, outbox,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(() =>
            PrintAsync(console, CommonOptions.Overrides(result, config, state, outbox), result.GetValue(watchlist), cancellationToken)));
        return command;
    }

    private static async Task<int> PrintAsync(CliConsole console, Dictionary<string, string?> overrides, string? watchlistId, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(console, overrides);
        var settings = host.Get<IOptions<NewsAlertsOptions>>().Value;
        var config = await host.Get<IConfigProvider>().GetAsync(cancellationToken);
        if (watchlistId is not null && config.FindWatchlist(watchlistId) is null)
        {
            console.WriteErrorLine($"error: {settings.ConfigPath}: no watchlist '{watchlistId}' (there are: {string.Join(", ", config.Watchlists.Select(w => w.Id))})");
            return CliConsole.BadInput;
        }

        var feeds = host.Get<WatchlistFeeds>();
        if (!feeds.Options.Enabled)
        {
            console.WriteErrorLine("error: setting NewsAlerts:Feeds:Enabled is false: watchlist feeds are off");
            return CliConsole.BadInput;
        }

        var files = host.Get<OutboxFeedWriter>();
        string Link(string id) => feeds.LinkFor(id)?.AbsoluteUri ?? new Uri(Path.GetFullPath(files.PathOf(id))).AbsoluteUri;
        if (feeds.LinkFor(config.Watchlists[0].Id) is null)
        {
            // The files are the addresses here: one that no match has made yet is written now, so a reader given it finds a feed.
            var shown = watchlistId is null ? config.Watchlists : [config.FindWatchlist(watchlistId)!];
            await CliHost.WithStateAsync(settings.StatePath, async () =>
            {
                await files.EnsureWrittenAsync(shown, cancellationToken);
                return CliConsole.Success;
            });
            console.WriteErrorLine("note: no public address (NewsAlerts:PublicBaseUrl) serves feeds from this install: these are the files 'run' keeps up to date");
        }

        if (watchlistId is not null)
        {
            await console.Out.WriteLineAsync(Link(watchlistId));
            return CliConsole.Success;
        }

        var width = config.Watchlists.Max(w => w.Id.Length);
        foreach (var each in config.Watchlists)
        {
            await console.Out.WriteLineAsync($"{each.Id.PadRight(width)}  {Link(each.Id)}");
        }

        return CliConsole.Success;
    }
}
