using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Pipeline;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// One pass of digest sending, as the CLI runs it: every digest due now. Subscribers are served a few at once, as the
/// Functions app's queue workers do (<see cref="DigestDelivery"/> is safe to run side by side); a subscriber's own
/// digests go one after another in the scheduler's order, which matters (the current one takes the waiting alerts).
/// A digest mostly waits for its durable writes and its file, so overlapping them is where the time goes down.
/// </summary>
public sealed class DigestService(DigestScheduler scheduler, DigestDelivery delivery, StageTimings timings, TimeProvider time)
{
    /// <summary>Subscribers whose digests are sent at the same time.</summary>
    public const int Parallel = 8;

    public async Task<IReadOnlyList<DigestOutcome>> SendDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DigestKey> due;
        using (timings.Measure("schedule"))
        {
            due = await scheduler.FindDueAsync(time.GetUtcNow(), cancellationToken);
        }

        return await SendAsync(due, cancellationToken);
    }

    /// <summary>
    /// Sends the digests; the outcomes come in the order of <paramref name="keys"/>. Each digest goes on its own: one that
    /// stops on an error (its outbox disk full, a store failing) is an interrupted outcome, finished by a later run from
    /// its ledger record, and never keeps the others from going out.
    /// </summary>
    public async Task<IReadOnlyList<DigestOutcome>> SendAsync(IReadOnlyList<DigestKey> keys, CancellationToken cancellationToken)
    {
        var outcomes = new DigestOutcome[keys.Count];
        var bySubscriber = keys.Select((key, index) => (Key: key, Index: index)).GroupBy(k => k.Key.SubscriberId, StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken };
        await System.Threading.Tasks.Parallel.ForEachAsync(bySubscriber, options, async (subscriber, ct) =>
        {
            foreach (var (key, index) in subscriber)
            {
                outcomes[index] = await SendOneAsync(key, ct);
            }
        });
        return outcomes;
    }

    private async Task<DigestOutcome> SendOneAsync(DigestKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await delivery.SendAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DigestOutcome(key, null, $"stopped: {ex.Message}; a later run finishes it") { Interrupted = true };
        }
    }

    /// <summary>The receipts of the digests these outcomes delivered.</summary>
    public static IReadOnlyList<DeliveryReceipt> Receipts(IEnumerable<DigestOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Receipts).ToList();
}
