using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>The de-duplication log in memory; one instance shared by several deduplicators stands for one shared store.</summary>
public sealed class InMemoryDeduplicationStore : IDeduplicationStore
{
    private readonly List<(long Entry, ArticleFingerprint Fingerprint)> _rows = [];
    private long _newest;

    /// <summary>Fingerprints held, one per article id.</summary>
    public int Count
    {
        get
        {
            lock (_rows)
            {
                return _rows.Select(r => r.Fingerprint.ArticleId).Distinct(StringComparer.Ordinal).Count();
            }
        }
    }

    /// <summary>The article ids held.</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_rows)
            {
                return _rows.Select(r => r.Fingerprint.ArticleId).Distinct(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Entries appended so far.</summary>
    public long Entries => Interlocked.Read(ref _newest);

    public Task<LogSlice> LoadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult(new LogSlice(_rows.Select(r => r.Fingerprint).Where(f => f.SeenAt >= since).ToList(), _newest));
        }
    }

    public Task<LogSlice> ReadAfterAsync(long position, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult(new LogSlice(_rows.Where(r => r.Entry > position).Select(r => r.Fingerprint).ToList(), Math.Max(position, _newest)));
        }
    }

    public Task<bool> TryAppendAsync(long position, IReadOnlyList<ArticleFingerprint> fingerprints, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (_newest != position)
            {
                return Task.FromResult(false);
            }

            _newest = position + 1;
            foreach (var fingerprint in fingerprints)
            {
                _rows.RemoveAll(r => r.Fingerprint.ArticleId == fingerprint.ArticleId);
                _rows.Add((_newest, fingerprint));
            }

            return Task.FromResult(true);
        }
    }

    public Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult(_rows.RemoveAll(r => r.Fingerprint.SeenAt < cutoff && r.Entry < _newest));
        }
    }
}
