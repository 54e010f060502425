using System.Text.Json.Serialization;

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
/// A digest goes to each of its <see cref="Destinations"/> (the email, each channel) on its own; it is final when
/// every destination is, and <see cref="Provider"/>, <see cref="Locations"/> and <see cref="Error"/> then sum them up.
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

    /// <summary>Where the digest goes, each with its own outcome; fixed when the digest moves to Sending.</summary>
    public IReadOnlyList<DestinationRecord> Destinations { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string Version { get; init; } = "";

    public bool IsFinal => State is DeliveryState.Sent or DeliveryState.Failed or DeliveryState.Empty;
}

/// <summary>
/// One destination of a digest and its outcome: <see cref="DeliveryState.Pending"/> until a job hands the digest to
/// it, <see cref="DeliveryState.Sending"/> from just before that hand-over until the outcome is recorded (only for a
/// destination that is not idempotent: an idempotent one stays Pending, since recovery sends it again either way),
/// then <see cref="DeliveryState.Sent"/> or <see cref="DeliveryState.Failed"/> (with <see cref="Failure"/> and
/// <see cref="Error"/>).
/// </summary>
public sealed record DestinationRecord
{
    /// <summary>The id of the email destination.</summary>
    public const string EmailId = "email";

    /// <summary><see cref="EmailId"/>, or <c>channel:</c> and the channel id.</summary>
    public required string Id { get; init; }

    public DeliveryState State { get; init; }

    /// <summary>
    /// Hand-overs recorded. An idempotent destination's attempt is counted when its outcome is written, so one cut
    /// short by a stopped job is not counted; a non-idempotent one's is counted by its Sending mark, before it.
    /// </summary>
    public int Attempts { get; init; }

    /// <summary>Who took it: <c>outbox</c>, <c>smtp</c>, <c>sendgrid</c>, <c>slack</c>, <c>teams</c>, <c>webhook</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's receipt: file paths, a message id, an HTTP status, a webhook-id.</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];

    public DeliveryFailure? Failure { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public bool IsFinal => State is DeliveryState.Sent or DeliveryState.Failed;

    /// <summary>The channel id of a channel destination; null for the email.</summary>
    [JsonIgnore]
    public string? ChannelId => ChannelIdOf(Id);

    public static string ForChannel(string channelId) => ChannelPrefix + channelId;

    /// <summary>The channel id a destination id names; null for the email.</summary>
    public static string? ChannelIdOf(string destinationId) =>
        destinationId.StartsWith(ChannelPrefix, StringComparison.Ordinal) ? destinationId[ChannelPrefix.Length..] : null;

    private const string ChannelPrefix = "channel:";
}
