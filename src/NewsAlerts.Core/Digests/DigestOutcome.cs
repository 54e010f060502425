using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// What a digest job found or did: the ledger state it left (null when it did not touch the ledger) and why, the
/// receipts of the destinations it delivered to just now, and the destinations that failed in this job.
/// </summary>
public sealed record DigestOutcome(DigestKey Key, DeliveryState? State, string Detail)
{
    public IReadOnlyList<DeliveryReceipt> Receipts { get; init; } = [];

    public IReadOnlyList<DestinationFailure> Failures { get; init; } = [];

    /// <summary>True only for the job that delivered the digest to some destination just now.</summary>
    public bool SentNow => Receipts.Count > 0;

    /// <summary>One line per destination that failed in this job, for run summaries and logs.</summary>
    public IEnumerable<string> FailureLines() =>
        Failures.Select(f => $"digest {Key.DigestId} for {Key.SubscriberId}: {f.Destination} failed: {f.Error}");

    /// <summary>The job stopped on an error (a full disk, a store that failed); its ledger record lets a later run finish it.</summary>
    public bool Interrupted { get; init; }
}

/// <summary>A destination a digest could not be delivered to (or may not have been: <see cref="DeliveryFailure.OutcomeUnknown"/>).</summary>
/// <param name="Error">Starts with the failure kind, as the ledger records it: <c>Permanent: ... HTTP 400 ...</c>.</param>
public sealed record DestinationFailure(string Destination, DeliveryFailure Failure, string Error);
