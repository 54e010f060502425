using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Core.Alerts;

/// <summary>Where alerts of urgent watchlists go to be sent at once: a queue in Azure, the alert store itself in the CLI.</summary>
public interface IUrgentAlertQueue
{
    Task EnqueueAsync(IReadOnlyList<DigestKey> urgent, CancellationToken cancellationToken);
}

/// <summary>
/// The one-process queue: an urgent alert is already durable in the alert store, pending until a digest takes it, so
/// nothing is kept in memory. The pipeline runner asks for the urgent alerts waiting there and sends each at once; a
/// run killed after storing alerts and before sending them leaves them for the next run, which sends them then.
/// </summary>
public sealed class StoredUrgentAlerts(IAlertStore alerts, IDeliveryLedger ledger) : IUrgentAlertQueue
{
    /// <summary>Nothing to do: the alerts were stored before this is called.</summary>
    public Task EnqueueAsync(IReadOnlyList<DigestKey> urgent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// One urgent digest key per pending alert that matched a watchlist the config marks urgent, unless its urgent
    /// email already settled (a failed one hands its alert to the next scheduled digest instead). Takes the run's
    /// config, so the urgent digests follow the same reading as the alerts that made them.
    /// </summary>
    public async Task<IReadOnlyList<DigestKey>> FindWaitingAsync(NewsAlertsConfig config, CancellationToken cancellationToken)
    {
        var keys = new List<DigestKey>();

        // Only subscribers who follow an urgent watchlist can have an urgent alert waiting; most configs have none.
        var followers = config.Watchlists.Where(w => w.Urgent).SelectMany(w => config.FollowersOf(w.Id)).ToHashSet();
        foreach (var subscriber in config.Subscribers.Where(followers.Contains))
        {
            foreach (var alert in await alerts.GetPendingAsync(subscriber.Id, cancellationToken))
            {
                var key = DigestKey.Urgent(subscriber.Id, alert.ArticleId);
                if (alert.Matches.Any(m => config.FindWatchlist(m.WatchlistId)?.Urgent == true)
                    && await ledger.GetAsync(subscriber.Id, key.DigestId, cancellationToken) is not { IsFinal: true })
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }
}
