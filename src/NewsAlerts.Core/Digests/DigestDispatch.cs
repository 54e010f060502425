using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Digest sending split for queues: a timer queues every digest due now, and a queue worker sends one digest (or
/// one urgent alert). <see cref="DigestDelivery"/> sends a digest id at most once, so a digest queued by two timer
/// ticks before it is sent goes out once.
/// </summary>
public sealed partial class DigestDispatch(
    DigestScheduler scheduler,
    IDigestQueue queue,
    DigestDelivery delivery,
    TimeProvider time,
    ILogger<DigestDispatch> logger)
{
    public async Task<IReadOnlyList<DigestKey>> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        var due = await scheduler.FindDueAsync(time.GetUtcNow(), cancellationToken);
        await queue.EnqueueAsync(due, cancellationToken);
        LogQueued(due.Count);
        return due;
    }

    /// <summary>Sends the digest a queue message names; a message that is not a digest key throws.</summary>
    public async Task<DigestOutcome> SendAsync(string message, CancellationToken cancellationToken)
    {
        var outcome = await delivery.SendAsync(DigestMessage.Parse(message), cancellationToken);
        if (outcome.SentNow)
        {
            NewsAlertsMetrics.DigestsSent.Add(1, new KeyValuePair<string, object?>("kind", outcome.Key.IsUrgent ? "urgent" : "scheduled"));
        }
        else if (outcome.State == DeliveryState.Failed)
        {
            NewsAlertsMetrics.DigestsFailed.Add(1, new KeyValuePair<string, object?>("kind", outcome.Key.IsUrgent ? "urgent" : "scheduled"));
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {DigestCount} due digests")]
    private partial void LogQueued(int digestCount);
}
