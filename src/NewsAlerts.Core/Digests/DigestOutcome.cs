using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>What a digest job found or did: the ledger state it left (null when it did not touch the ledger) and why.</summary>
public sealed record DigestOutcome(DigestKey Key, DeliveryState? State, string Detail, DeliveryReceipt? Receipt = null)
{
    /// <summary>True only for the job that delivered the digest just now.</summary>
    public bool SentNow => Receipt is not null;

    /// <summary>The job stopped on an error (a full disk, a store that failed); its ledger record lets a later run finish it.</summary>
    public bool Interrupted { get; init; }
}
