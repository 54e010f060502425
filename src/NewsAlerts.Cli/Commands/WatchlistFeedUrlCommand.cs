using System.CommandLine;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts watchlists feed-url [WATCHLIST]</c>: prints the link to a watchlist's Atom feed on the Functions app
/// (<c>NewsAlerts:Feeds:BaseUrl</c>), signed with this installation's key; without a watchlist, one line per watchlist.
/// </summary>
internal static class WatchlistFeedUrlCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var watchlist = new Argument<string?>("watchlist") { Description = "The watchlist id; all watchlists when left out", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("feed-url", "Print the link to a watchlist's Atom feed, to paste into a feed reader")
        {
            watchlist, config, state,
        };
        command.SetAction((result, _) => console.GuardAsync(() =>
            PrintAsync(console, CommonOptions.Overrides(result, config, state), result.GetValue(watchlist))));
        return command;
    }

    private static async Task<int> PrintAsync(CliConsole console, Dictionary<string, string?> overrides, string? watchlistId)
    {
        var configPath = CliSettings.Host(overrides).ConfigPath;
        var config = ConfigLoader.Load(configPath);
        if (watchlistId is not null && config.FindWatchlist(watchlistId) is null)
        {
            console.WriteErrorLine($"error: {configPath}: no watchlist '{watchlistId}' (there are: {string.Join(", ", config.Watchlists.Select(w => w.Id))})");
            return CliConsole.BadInput;
        }

        using var host = CliHost.Build(console, overrides);
        var feeds = host.Get<WatchlistFeeds>();
        if (!feeds.Options.Enabled)
        {
            console.WriteErrorLine("error: setting NewsAlerts:Feeds:Enabled is false: watchlist feeds are off");
            return CliConsole.BadInput;
        }

        if (watchlistId is not null)
        {
            await console.Out.WriteLineAsync(feeds.LinkFor(watchlistId).AbsoluteUri);
            return CliConsole.Success;
        }

        var width = config.Watchlists.Max(w => w.Id.Length);
        foreach (var each in config.Watchlists)
        {
            await console.Out.WriteLineAsync($"{each.Id.PadRight(width)}  {feeds.LinkFor(each.Id).AbsoluteUri}");
        }

        return CliConsole.Success;
    }
}
