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

/// <summary>Fingerprints read from the window's log, and the position of the last entry the read reached.</summary>
public sealed record LogSlice(IReadOnlyList<ArticleFingerprint> Fingerprints, long Position);

/// <summary>
/// The de-duplication window, surviving restarts and shared by every process that ingests (SQLite locally, Table
/// storage for all instances of the Functions app): an ordered log whose entries each hold the fingerprints of one
/// poll. An append names the position its writer has read up to and succeeds only if nothing was appended since, so
/// every poll is classified against every poll appended before it, whichever process appended those.
/// </summary>
/// <remarks>
/// Positions count entries from 1 and never go back: <see cref="PurgeBeforeAsync"/> keeps the newest entry.
/// </remarks>
public interface IDeduplicationStore
{
    /// <summary>Every fingerprint seen at or after <paramref name="since"/>, and the position of the newest entry.</summary>
    Task<LogSlice> LoadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The fingerprints of every entry after <paramref name="position"/>, in log order, and the position they reach.</summary>
    Task<LogSlice> ReadAfterAsync(long position, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the fingerprints as entry <paramref name="position"/> + 1, all or none; false, appending nothing, when
    /// that entry exists already (another writer got there first). Adding an article id again replaces its fingerprint.
    /// </summary>
    Task<bool> TryAppendAsync(long position, IReadOnlyList<ArticleFingerprint> fingerprints, CancellationToken cancellationToken);

    /// <summary>Forgets fingerprints seen before <paramref name="cutoff"/> (the retention window), except the newest entry's; returns how many.</summary>
    Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
