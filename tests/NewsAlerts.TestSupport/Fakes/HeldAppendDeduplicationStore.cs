using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>
/// A process's view of a shared de-duplication store whose appends first wait for <paramref name="hold"/>, as a slower
/// process's would: a test lets another process append in between to make two of them race on one story.
/// </summary>
public sealed class HeldAppendDeduplicationStore(IDeduplicationStore inner, Func<Task> hold) : IDeduplicationStore
{
    public Task<LogSlice> LoadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.LoadSinceAsync(since, cancellationToken);

    public Task<LogSlice> ReadAfterAsync(long position, CancellationToken cancellationToken) => inner.ReadAfterAsync(position, cancellationToken);

    public async Task<bool> TryAppendAsync(long position, IReadOnlyList<ArticleFingerprint> fingerprints, CancellationToken cancellationToken)
    {
        await hold();
        return await inner.TryAppendAsync(position, fingerprints, cancellationToken);
    }

    public Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.PurgeBeforeAsync(cutoff, cancellationToken);
}
