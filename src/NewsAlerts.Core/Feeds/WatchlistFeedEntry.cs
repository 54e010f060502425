using NewsAlerts.Core.Articles;

namespace NewsAlerts.Core.Feeds;

/// <summary>
/// One match in a watchlist's feed, with what its Atom entry shows. Recorded once per (watchlist, article);
/// <see cref="MatchedAt"/> is the article's ingestion time, so processing an article again writes the same entry.
/// A store may keep the story's part (title, link, date, source) with the entry or take it from the stored article.
/// </summary>
/// <param name="Why">"Matched: Hamas, delegation, Russia in the title and text".</param>
public sealed record WatchlistFeedEntry(
    string WatchlistId,
    string ArticleId,
    string Title,
    string? Link,
    DateTimeOffset? PublishedAt,
    string SourceId,
    double Score,
    string Why,
    DateTimeOffset MatchedAt)
{
    /// <summary>The entry for <paramref name="article"/>'s match of a watchlist.</summary>
    public static WatchlistFeedEntry Of(Article article, string watchlistId, double score, string why, DateTimeOffset matchedAt) =>
        new(watchlistId, article.Id, article.Title, FeedLink(article.Link), article.PublishedAt, article.SourceId, score, why, matchedAt);

    /// <summary>The link a feed shows: only http(s), since a feed reader opens it.</summary>
    public static string? FeedLink(Uri? link) => link is { Scheme: "http" or "https" } ? link.AbsoluteUri : null;
}

/// <summary>The latest matches of each watchlist, for its Atom feed.</summary>
public interface IWatchlistFeedStore
{
    /// <summary>Records the entries; an entry already recorded for its (watchlist, article) is left as it is.</summary>
    Task AddAsync(IReadOnlyList<WatchlistFeedEntry> entries, CancellationToken cancellationToken);

    /// <summary>The watchlist's newest <paramref name="count"/> entries, newest first (by <see cref="WatchlistFeedEntry.MatchedAt"/>, then article id).</summary>
    Task<IReadOnlyList<WatchlistFeedEntry>> GetLatestAsync(string watchlistId, int count, CancellationToken cancellationToken);

    /// <summary>How many entries the watchlist has.</summary>
    Task<int> CountAsync(string watchlistId, CancellationToken cancellationToken);

    /// <summary>Deletes all but the watchlist's newest <paramref name="keep"/> entries; returns how many went.</summary>
    Task<int> TrimAsync(string watchlistId, int keep, CancellationToken cancellationToken);
}
