namespace NewsAlerts.Core.Delivery;

public enum DeliveryState
{
    /// <summary>Claimed by a job that has not handed it to the provider yet.</summary>
    Pending,

    /// <summary>Handed to the provider; the outcome is not recorded yet.</summary>
    Sending,

    Sent,

    /// <summary>Not delivered (a permanent refusal, retries used up) or delivered-or-not unknown: see the error.</summary>
    Failed,

    /// <summary>Nothing was waiting when the digest was due.</summary>
    Empty,
}

/// <summary>
/// One digest in the delivery ledger. <see cref="Version"/> is the store's concurrency token (an ETag): updates
/// succeed only against the version they read, so two jobs never both move a digest to <see cref="DeliveryState.Sending"/>.
/// </summary>
public sealed record DeliveryRecord
{
    public required string DigestId { get; init; }

    public required string SubscriberId { get; init; }

    public required string Period { get; init; }

    public DeliveryState State { get; init; }

    /// <summary>The articles the email carries (or may have carried); its other alerts go back to pending.</summary>
    public IReadOnlyList<string> ArticleIds { get; init; } = [];

    public int Attempts { get; init; }

    public string? Provider { get; init; }

    /// <summary>Where the provider put it: file paths, a message id.</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];

    public string? Error { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string Version { get; init; } = "";

    public bool IsFinal => State is DeliveryState.Sent or DeliveryState.Failed or DeliveryState.Empty;
}
