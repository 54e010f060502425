using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.TestSupport.Fakes;

public sealed class InMemoryDeduplicationStore : IDeduplicationStore
{
    private readonly ConcurrentDictionary<string, ArticleFingerprint> _fingerprints = new(StringComparer.Ordinal);

    public int Count => _fingerprints.Count;

    public async IAsyncEnumerable<ArticleFingerprint> LoadSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var fingerprint in _fingerprints.Values.Where(f => f.SeenAt >= since))
        {
            yield return fingerprint;
        }
    }

    public Task AddAsync(ArticleFingerprint fingerprint, CancellationToken cancellationToken)
    {
        _fingerprints[fingerprint.ArticleId] = fingerprint;
        return Task.CompletedTask;
    }

    public Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = _fingerprints.Values.Where(f => f.SeenAt < cutoff).ToList();
        foreach (var fingerprint in old)
        {
            _fingerprints.TryRemove(fingerprint.ArticleId, out _);
        }

        return Task.FromResult(old.Count);
    }
}
