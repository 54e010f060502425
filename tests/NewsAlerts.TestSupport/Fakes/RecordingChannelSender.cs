using System.Collections.Concurrent;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>An <see cref="IChannelSender"/> that keeps what it delivered per channel; webhooks count as idempotent, as in the real sender.</summary>
public sealed class RecordingChannelSender : IChannelSender
{
    private readonly ConcurrentQueue<(string ChannelId, DigestView Digest)> _delivered = new();

    /// <summary>When set, each send throws what it returns (null delivers).</summary>
    public Func<ChannelConfig, DigestView, Exception?>? Refuse { get; set; }

    public IReadOnlyList<(string ChannelId, DigestView Digest)> Delivered => _delivered.ToList();

    public IReadOnlyList<DigestView> To(string channelId) => Delivered.Where(d => d.ChannelId == channelId).Select(d => d.Digest).ToList();

    public bool IsIdempotent(ChannelConfig channel) => channel.Kind == ChannelType.Webhook;

    public Task<DeliveryReceipt> SendAsync(ChannelConfig channel, DigestView digest, CancellationToken cancellationToken)
    {
        if (Refuse?.Invoke(channel, digest) is { } exception)
        {
            throw exception;
        }

        _delivered.Enqueue((channel.Id, digest));
        return Task.FromResult(new DeliveryReceipt(digest.Key.DigestId, digest.Key.SubscriberId, channel.Type, [$"{channel.Type}:{channel.Id}"]));
    }
}
