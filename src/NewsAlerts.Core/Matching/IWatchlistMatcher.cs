using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Matching;

/// <summary>Matches one article against a fixed set of compiled watchlists; safe for concurrent use.</summary>
public interface IWatchlistMatcher
{
    /// <summary>Every watchlist the article matches, with scores and highlights. Uses <see cref="Article.Analysis"/> when set.</summary>
    IReadOnlyList<WatchlistMatch> Match(Article article);

    /// <summary>
    /// Whether some watchlist could still match once the article is analysed: clauses on text are evaluated, clauses
    /// that need analysis (entities, sentiment) count as possibly true. Lets the hybrid analyzer pay only for candidates.
    /// </summary>
    bool MayMatch(Article article);
}

/// <summary>Compiles the watchlists of a config into a matcher.</summary>
public interface IWatchlistMatcherFactory
{
    IWatchlistMatcher Create(NewsAlertsConfig config);
}
