using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>A composed digest: the view every channel renders, and the email (null when the digest goes to no email).</summary>
public sealed record ComposedDigest(DigestView View, DigestEmail? Email);

/// <summary>
/// Where a subscriber's digests go (their email unless it unsubscribed, and each of their channels) and how to hand
/// a composed digest to one of those destinations: the email through the configured <see cref="IDigestSender"/>
/// (outbox, SMTP, SendGrid), a channel through <see cref="IChannelSender"/>.
/// </summary>
public sealed class DigestDestinations(IDigestSender email, IChannelSender channels)
{
    /// <summary>The destinations of the subscriber's next digest, email first.</summary>
    public static IReadOnlyList<string> Of(SubscriberConfig subscriber, bool emailUnsubscribed)
    {
        var destinations = new List<string>();
        if (subscriber.HasEmail && !emailUnsubscribed)
        {
            destinations.Add(DestinationRecord.EmailId);
        }

        destinations.AddRange(subscriber.Channels.Select(DestinationRecord.ForChannel));
        return destinations;
    }

    /// <summary>
    /// True when handing the same digest to the destination twice delivers it once (the outbox; a webhook, whose
    /// receiver drops a repeated webhook-id): only then is a hand-over with an unknown outcome repeated.
    /// </summary>
    public bool IsIdempotent(NewsAlertsConfig config, string destination) =>
        destination == DestinationRecord.EmailId
            ? email.IsIdempotent
            : config.FindChannel(ChannelId(destination)) is { } channel && channels.IsIdempotent(channel);

    /// <summary>The provider that serves the destination, for logs and the ledger.</summary>
    public string ProviderOf(NewsAlertsConfig config, string destination) =>
        destination == DestinationRecord.EmailId
            ? email.Name
            : config.FindChannel(ChannelId(destination))?.Type.ToLowerInvariant() ?? "channel";

    /// <summary>Delivers the digest to the destination; a failure is a <see cref="DeliveryException"/>.</summary>
    public Task<DeliveryReceipt> SendAsync(NewsAlertsConfig config, string destination, ComposedDigest digest, CancellationToken cancellationToken)
    {
        if (destination == DestinationRecord.EmailId)
        {
            return digest.Email is { } message
                ? email.SendAsync(message, cancellationToken)
                : throw new DeliveryException(DeliveryFailure.Permanent, "no email to send: the subscriber has no address, or it unsubscribed");
        }

        var channelId = ChannelId(destination);
        return config.FindChannel(channelId) is { } channel
            ? channels.SendAsync(channel, digest.View, cancellationToken)
            : throw new DeliveryException(DeliveryFailure.Permanent, $"channel '{channelId}' is no longer in the config");
    }

    private static string ChannelId(string destination) =>
        DestinationRecord.ChannelIdOf(destination) ?? throw new ArgumentException($"'{destination}' is not a channel destination", nameof(destination));
}
