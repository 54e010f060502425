using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Core.Delivery;

/// <summary>Delivers a digest to a chat or system channel (Slack, Teams, a signed webhook).</summary>
public interface IChannelSender
{
    /// <summary>
    /// True when sending the same digest twice to <paramref name="channel"/> delivers it once: a webhook, whose receiver
    /// drops a repeated <c>webhook-id</c>. Slack and Teams have no idempotency key, so for them delivery is at most once.
    /// </summary>
    bool IsIdempotent(ChannelConfig channel);

    /// <summary>Delivers the digest, retrying what is worth retrying; a failure is a <see cref="DeliveryException"/>.</summary>
    Task<DeliveryReceipt> SendAsync(ChannelConfig channel, DigestView digest, CancellationToken cancellationToken);
}
