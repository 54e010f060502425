using System.Collections.Concurrent;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Core.Alerts;

/// <summary>Where alerts of urgent watchlists go to be sent at once: a queue in Azure, a buffer in the CLI.</summary>
public interface IUrgentAlertQueue
{
    Task EnqueueAsync(IReadOnlyList<DigestKey> urgent, CancellationToken cancellationToken);
}

/// <summary>The one-process queue: the pipeline runner drains it right after processing articles.</summary>
public sealed class UrgentAlertBuffer : IUrgentAlertQueue
{
    private readonly ConcurrentQueue<DigestKey> _keys = new();

    public Task EnqueueAsync(IReadOnlyList<DigestKey> urgent, CancellationToken cancellationToken)
    {
        foreach (var key in urgent)
        {
            _keys.Enqueue(key);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<DigestKey> Drain()
    {
        var drained = new List<DigestKey>();
        while (_keys.TryDequeue(out var key))
        {
            drained.Add(key);
        }

        return drained;
    }
}
