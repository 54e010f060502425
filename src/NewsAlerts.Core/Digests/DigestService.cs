using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>One pass of digest sending, as the CLI runs it: every digest due now, one after another.</summary>
public sealed class DigestService(DigestScheduler scheduler, DigestDelivery delivery, TimeProvider time)
{
    public async Task<IReadOnlyList<DigestOutcome>> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = await scheduler.FindDueAsync(time.GetUtcNow(), cancellationToken);
        return await SendAsync(due, cancellationToken);
    }

    /// <summary>
    /// Sends each digest on its own: one that stops on an error (its outbox disk full, a store failing) is an interrupted
    /// outcome, finished by a later run from its ledger record, and never keeps the others from going out.
    /// </summary>
    public async Task<IReadOnlyList<DigestOutcome>> SendAsync(IReadOnlyList<DigestKey> keys, CancellationToken cancellationToken)
    {
        var outcomes = new List<DigestOutcome>();
        foreach (var key in keys)
        {
            try
            {
                outcomes.Add(await delivery.SendAsync(key, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes.Add(new DigestOutcome(key, null, $"stopped: {ex.Message}; a later run finishes it") { Interrupted = true });
            }
        }

        return outcomes;
    }

    /// <summary>The receipts of the digests these outcomes delivered.</summary>
    public static IReadOnlyList<DeliveryReceipt> Receipts(IEnumerable<DigestOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Receipts).ToList();
}
