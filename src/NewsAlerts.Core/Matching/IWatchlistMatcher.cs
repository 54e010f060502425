using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Matching;

/// <summary>Matches one article against a fixed set of compiled watchlists; safe for concurrent use.</summary>
public interface IWatchlistMatcher
{
    IReadOnlyList<WatchlistMatch> Match(Article article);
}

/// <summary>Compiles the watchlists of a config into a matcher.</summary>
public interface IWatchlistMatcherFactory
{
    IWatchlistMatcher Create(NewsAlertsConfig config);
}
