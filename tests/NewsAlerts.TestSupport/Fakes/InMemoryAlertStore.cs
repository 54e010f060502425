using NewsAlerts.Core.Alerts;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>A hand-written <see cref="IAlertStore"/> in memory; the same contract tests run against it as against SQLite.</summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Subscriber, string Article), Alert> _alerts = [];

    public IReadOnlyList<Alert> All
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Values.ToList();
            }
        }
    }

    public Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(alerts.Count(a => _alerts.TryAdd((a.SubscriberId, a.ArticleId), a with { DigestId = null })));
        }
    }

    public Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Alert>>(Where(a => a.SubscriberId == subscriberId && a.DigestId is null));

    public Task<IReadOnlyList<Alert>> ClaimAsync(string subscriberId, string digestId, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var alert in _alerts.Values.ToList())
            {
                if (alert.SubscriberId == subscriberId && alert.DigestId is null && (articleIds is null || articleIds.Contains(alert.ArticleId)))
                {
                    _alerts[(subscriberId, alert.ArticleId)] = alert with { DigestId = digestId };
                }
            }

            return Task.FromResult<IReadOnlyList<Alert>>(Where(a => a.SubscriberId == subscriberId && a.DigestId == digestId));
        }
    }

    public Task ReleaseAsync(string subscriberId, string digestId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var alert in _alerts.Values.ToList())
            {
                if (alert.SubscriberId == subscriberId && alert.DigestId == digestId && !keep.Contains(alert.ArticleId))
                {
                    _alerts[(subscriberId, alert.ArticleId)] = alert with { DigestId = null };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> GetClustersHeldElsewhereAsync(string subscriberId, string digestId, IReadOnlyCollection<string> clusterIds, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> found = Where(a => a.SubscriberId == subscriberId && a.DigestId is not null && a.DigestId != digestId && a.ClusterId is not null && clusterIds.Contains(a.ClusterId))
            .Select(a => a.ClusterId!)
            .ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    private List<Alert> Where(Func<Alert, bool> predicate)
    {
        lock (_lock)
        {
            return _alerts.Values.Where(predicate).OrderBy(a => a.CreatedAt).ThenBy(a => a.ArticleId, StringComparer.Ordinal).ToList();
        }
    }
}
