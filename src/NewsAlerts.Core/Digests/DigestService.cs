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

    public async Task<IReadOnlyList<DigestOutcome>> SendAsync(IReadOnlyList<DigestKey> keys, CancellationToken cancellationToken)
    {
        var outcomes = new List<DigestOutcome>();
        foreach (var key in keys)
        {
            outcomes.Add(await delivery.SendAsync(key, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>The receipts of the digests these outcomes delivered.</summary>
    public static IReadOnlyList<DeliveryReceipt> Receipts(IEnumerable<DigestOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Receipts).ToList();
}
