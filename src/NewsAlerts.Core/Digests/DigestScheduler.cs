using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Answers "which digests are due at time T". For each subscriber with a destination left (an email that has not
/// unsubscribed, or a channel):
/// <list type="bullet">
/// <item>the digest of the current period: the latest send time of their schedule at or before T, unless it falls in
/// quiet hours or the ledger already settled it, so a subscriber's first check delivers at once and after that one
/// digest per period;</item>
/// <item>for <c>instant</c>, a digest of the alerts waiting now (none waiting, none due), named by that batch, so every
/// run with something new delivers it;</item>
/// <item>every digest of any earlier period whose job stopped: a ledger record left Pending or Sending longer than
/// <see cref="DeliveryOptions.SendingLease"/>, so its alerts are delivered under the same digest id instead of held.</item>
/// </list>
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
            var unsubscribed = subscriber.HasEmail && await unsubscribes.ContainsAsync(subscriber.Email, cancellationToken);
            if (DigestDestinations.Of(subscriber, unsubscribed).Count == 0)
            {
                continue;
            }

            var clock = SubscriberClock.For(subscriber);
            var current = clock.IsQuiet(now) ? null : await CurrentKeyAsync(subscriber.Id, clock, now, cancellationToken);
            if (current is not null)
            {
                due.Add(current);
            }

            // After the current digest, so it takes the alerts waiting and a resumed one keeps what it already holds.
            foreach (var record in await ledger.GetOpenAsync(subscriber.Id, cancellationToken))
            {
                var key = new DigestKey(record.SubscriberId, record.Period);
                if (record.DigestId != current?.DigestId && IsAbandoned(record, now) && (key.IsUrgent || !clock.IsQuiet(now)))
                {
                    due.Add(key);
                }
            }
        }

        return due;
    }

    private async Task<DigestKey?> CurrentKeyAsync(string subscriberId, SubscriberClock clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (clock.Schedule.Kind == ScheduleKind.Instant)
        {
            return await InstantKeyAsync(subscriberId, now, cancellationToken);
        }

        var key = DigestKey.Scheduled(subscriberId, clock.Schedule.Kind, clock.Schedule.LatestBoundary(now, clock.Zone));
        return IsOpen(await ledger.GetAsync(subscriberId, key.DigestId, cancellationToken), now) ? key : null;
    }

    /// <summary>
    /// The digest of the alerts waiting now: the first of the batch's keys whose digest has not settled. Keys are taken
    /// in order (a retry is named only once the one before it settled), so a gallop then a binary search finds it.
    /// </summary>
    private async Task<DigestKey?> InstantKeyAsync(string subscriberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await alerts.GetPendingAsync(subscriberId, cancellationToken);
        if (pending.Count == 0)
        {
            return null;
        }

        var articleIds = pending.Select(a => a.ArticleId).ToList();
        async Task<DeliveryRecord?> RecordAsync(int retry) =>
            await ledger.GetAsync(subscriberId, DigestKey.Instant(subscriberId, articleIds, retry).DigestId, cancellationToken);

        var (settled, open) = (-1, 0);
        DeliveryRecord? record;
        while ((record = await RecordAsync(open)) is { IsFinal: true })
        {
            (settled, open) = (open, (open * 2) + 1);
        }

        while (open - settled > 1)
        {
            var middle = settled + ((open - settled) / 2);
            if (await RecordAsync(middle) is { IsFinal: true })
            {
                settled = middle;
            }
            else
            {
                open = middle;
            }
        }

        record = await RecordAsync(open);
        return IsOpen(record, now) ? DigestKey.Instant(subscriberId, articleIds, open) : null;
    }

    /// <summary>Not settled, and no live job is sending it.</summary>
    private bool IsOpen(DeliveryRecord? record, DateTimeOffset now) =>
        record is null || record.State == DeliveryState.Pending || (record.State == DeliveryState.Sending && IsAbandoned(record, now));

    /// <summary>A job moves a record on within seconds; one untouched for a lease means its job stopped.</summary>
    private bool IsAbandoned(DeliveryRecord record, DateTimeOffset now) => now - record.UpdatedAt >= options.Value.SendingLease;
}
