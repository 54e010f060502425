using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Status;

/// <summary>Builds a <see cref="StatusReport"/> from the config and the state, in SQLite or in Azure alike.</summary>
public sealed class StatusService(
    IConfigProvider configProvider,
    IFeedStateStore feedStates,
    IStateInspector inspector,
    IUnsubscribeStore unsubscribes,
    DigestScheduler scheduler,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time)
{
    /// <summary>Failed digests older than this are history, not something to act on now.</summary>
    public static readonly TimeSpan FailedWindow = TimeSpan.FromDays(7);

    public async Task<StatusReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var config = await configProvider.GetAsync(cancellationToken);
        var sources = new List<SourceStatus>();
        foreach (var source in config.Sources)
        {
            var state = await feedStates.GetAsync(source.Id, cancellationToken);
            sources.Add(new SourceStatus(
                source.Id, source.DisplayName, source.Enabled, state?.LastPolledAt, state?.LastSuccessAt, state?.ConsecutiveFailures ?? 0,
                state?.LastError, state?.ItemsLastRead, source.Enabled ? state?.NextPollAt(source) ?? now : null));
        }

        var deliveries = await inspector.GetDeliveriesAsync(cancellationToken);
        var pending = await inspector.CountPendingAlertsAsync(cancellationToken);
        var dueNow = (await scheduler.FindDueAsync(now, cancellationToken)).Select(k => k.SubscriberId).ToHashSet(StringComparer.Ordinal);
        var lastSentBy = deliveries.Where(d => d.State == DeliveryState.Sent).GroupBy(d => d.SubscriberId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(d => d.UpdatedAt), StringComparer.Ordinal); // one pass over the ledger, not one per subscriber
        var subscribers = new List<SubscriberStatus>();
        foreach (var subscriber in config.Subscribers)
        {
            DateTimeOffset? lastSent = lastSentBy.TryGetValue(subscriber.Id, out var sentAt) ? sentAt : null;
            // Unsubscribing stops the email; a subscriber with channels still gets digests there.
            var emailUnsubscribed = subscriber.HasEmail && await unsubscribes.ContainsAsync(subscriber.Email, cancellationToken);
            var stopped = DigestDestinations.Of(subscriber, emailUnsubscribed).Count == 0;
            var next = stopped ? null : dueNow.Contains(subscriber.Id) ? now : NextBoundary(SubscriberClock.For(subscriber), now);
            subscribers.Add(new SubscriberStatus(subscriber.Id, subscriber.Schedule, pending.GetValueOrDefault(subscriber.Id), lastSent, next, stopped));
        }

        return new StatusReport(now, sources, subscribers, Problems(deliveries, now), await inspector.GetSizeAsync(cancellationToken));
    }

    /// <summary>The schedule's next send time after <paramref name="now"/>; null for instant (every run with news).</summary>
    private static DateTimeOffset? NextBoundary(SubscriberClock clock, DateTimeOffset now)
    {
        var period = clock.Schedule.Kind switch
        {
            ScheduleKind.Hourly => TimeSpan.FromHours(1),
            ScheduleKind.Daily => TimeSpan.FromDays(1),
            ScheduleKind.Weekly => TimeSpan.FromDays(7),
            _ => (TimeSpan?)null,
        };
        return period is { } p ? clock.Schedule.LatestBoundary(now + p, clock.Zone) : null;
    }

    private List<DeliveryProblem> Problems(IReadOnlyList<DeliveryRecord> deliveries, DateTimeOffset now)
    {
        var lease = deliveryOptions.Value.SendingLease;
        var problems = new List<DeliveryProblem>();
        foreach (var record in deliveries.OrderBy(d => d.UpdatedAt))
        {
            var age = now - record.UpdatedAt;
            if (record.State is DeliveryState.Sending or DeliveryState.Pending && age >= lease)
            {
                var what = record.State == DeliveryState.Sending ? "handed to the sender" : "claimed";
                problems.Add(Problem(record, "stuck", $"{what} {Minutes(age)} ago and not finished (the sending lease is {Minutes(lease)})"));
            }
            else if ((record.State == DeliveryState.Failed || (record.State == DeliveryState.Sent && record.Error is not null)) && age <= FailedWindow)
            {
                // A sent digest with an error reached some destinations and not others: its Error names the ones it missed.
                problems.Add(Problem(record, "failed", record.Error ?? "failed"));
            }
        }

        return problems;
    }

    private static DeliveryProblem Problem(DeliveryRecord record, string problem, string detail) =>
        new(record.DigestId, record.SubscriberId, record.Period, problem, record.State.ToString().ToLowerInvariant(), record.UpdatedAt, detail);

    private static string Minutes(TimeSpan span) => span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.#} h";
}
