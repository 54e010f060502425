using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Answers "which digests are due at time T": for each subscriber, the period of the latest send time of their
/// schedule at or before T, unless it falls in quiet hours or the ledger already settled it. A subscriber's first
/// check therefore delivers at once; after that one digest per period. Instant subscribers are due only with
/// alerts waiting.
/// </summary>
public sealed class DigestScheduler(
    IConfigProvider configProvider,
    IDeliveryLedger ledger,
    IAlertStore alerts,
    IUnsubscribeStore unsubscribes,
    IOptions<DeliveryOptions> options)
{
    public async Task<IReadOnlyList<DigestKey>> FindDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var due = new List<DigestKey>();
        foreach (var subscriber in config.Subscribers)
        {
            if (await DueKeyAsync(subscriber, now, cancellationToken) is { } key)
            {
                due.Add(key);
            }
        }

        return due;
    }

    private async Task<DigestKey?> DueKeyAsync(SubscriberConfig subscriber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = SubscriberClock.For(subscriber);
        if (clock.DueKey(subscriber.Id, now) is not { } key || await unsubscribes.ContainsAsync(subscriber.Email, cancellationToken))
        {
            return null;
        }

        if (clock.Schedule.Kind == ScheduleKind.Instant && (await alerts.GetPendingAsync(subscriber.Id, cancellationToken)).Count == 0)
        {
            return null;
        }

        var record = await ledger.GetAsync(subscriber.Id, key.DigestId, cancellationToken);
        var open = record is null
            || record.State == DeliveryState.Pending
            || (record.State == DeliveryState.Sending && now - record.UpdatedAt >= options.Value.SendingLease);
        return open ? key : null;
    }
}
