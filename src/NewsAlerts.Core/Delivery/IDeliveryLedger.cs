namespace NewsAlerts.Core.Delivery;

/// <summary>The delivery ledger: one record per digest id, changed only by compare-and-set on its version.</summary>
public interface IDeliveryLedger
{
    /// <summary>Stores <paramref name="initial"/> unless the digest has a record; returns the stored record either way.</summary>
    Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken);

    Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken);

    /// <summary>
    /// The subscriber's records still <see cref="DeliveryState.Pending"/> or <see cref="DeliveryState.Sending"/>, of any
    /// period: the scheduler finishes those whose job stopped, so no alert stays held by a digest that never went out.
    /// </summary>
    Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record if the stored version still equals <c>record.Version</c>; returns the new record (with a new
    /// version), or null when another writer changed it first.
    /// </summary>
    Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken);
}
