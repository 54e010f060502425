using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Matching;

/// <summary>Compiles watchlists once per config and swaps the matcher atomically when the config changes.</summary>
public sealed class WatchlistMatcherCache(IWatchlistMatcherFactory factory)
{
    private Compiled? _current;

    public IWatchlistMatcher Get(NewsAlertsConfig config)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.Config, config))
        {
            return current.Matcher;
        }

        var compiled = new Compiled(config, factory.Create(config));
        Volatile.Write(ref _current, compiled);
        return compiled.Matcher;
    }

    private sealed record Compiled(NewsAlertsConfig Config, IWatchlistMatcher Matcher);
}
