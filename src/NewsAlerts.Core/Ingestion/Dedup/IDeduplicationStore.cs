namespace NewsAlerts.Core.Ingestion.Dedup;

/// <summary>What de-duplication remembers of one article it let through.</summary>
/// <param name="CanonicalUrl">The article's canonical URL, or empty when it has no link.</param>
/// <param name="ContentHash">Hash of the normalised title and body, for exact copies under other ids and URLs.</param>
/// <param name="SimHash">64-bit SimHash of the text, for near-duplicates.</param>
/// <param name="ClusterId">The story cluster the article joined.</param>
public sealed record ArticleFingerprint(
    string ArticleId,
    string CanonicalUrl,
    string ContentHash,
    ulong SimHash,
    string ClusterId,
    DateTimeOffset SeenAt);

/// <summary>
/// The de-duplication window, surviving restarts (SQLite locally, Table storage in Azure). The in-memory index is
/// rebuilt from <see cref="LoadSinceAsync"/> at start and fed by <see cref="AddAsync"/>.
/// </summary>
public interface IDeduplicationStore
{
    /// <summary>Every fingerprint seen at or after <paramref name="since"/>, in no particular order.</summary>
    IAsyncEnumerable<ArticleFingerprint> LoadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Records the fingerprint; adding the same article id again replaces it.</summary>
    Task AddAsync(ArticleFingerprint fingerprint, CancellationToken cancellationToken);

    /// <summary>Forgets fingerprints seen before <paramref name="cutoff"/> (the retention window); returns how many.</summary>
    Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
