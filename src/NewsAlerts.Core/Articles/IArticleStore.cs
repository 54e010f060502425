namespace NewsAlerts.Core.Articles;

/// <summary>
/// Where articles live once ingested. Each article carries a durable progress marker: stored articles are unmatched
/// until <see cref="MarkMatchedAsync"/> says they were analysed and matched and their alerts recorded, so work a stopped
/// run or a lost queue message left undone is found again (<see cref="GetUnmatchedAsync"/>) and finished.
/// </summary>
public interface IArticleStore
{
    /// <summary>Adds the article, unmatched, unless one with the same id exists; true when it was new.</summary>
    Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken);

    Task<Article?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces a stored article, for example to record its analysis.</summary>
    Task UpdateAsync(Article article, CancellationToken cancellationToken);

    /// <summary>
    /// Articles not matched yet that have waited since <paramref name="waitingSince"/> or earlier (stored then, or last
    /// handed on again then) and were handed on again at most <paramref name="maxRequeues"/> times; oldest first, at
    /// most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<UnmatchedArticle>> GetUnmatchedAsync(DateTimeOffset waitingSince, int maxRequeues, int limit, CancellationToken cancellationToken);

    /// <summary>Records that the sweep handed the article on again at <paramref name="at"/>: it waits from then, one more requeue.</summary>
    Task MarkRequeuedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that the article was analysed and matched and its alerts recorded; nothing is left to do for it.</summary>
    Task MarkMatchedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A stored article still to be matched: since when it waits, and how often a sweep handed it on again.</summary>
public sealed record UnmatchedArticle(string Id, DateTimeOffset WaitingSince, int Requeues);
