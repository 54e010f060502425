using System.Collections.Concurrent;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>An <see cref="IDigestSender"/> that keeps what it delivered; it can refuse, or stand for an idempotent provider.</summary>
public sealed class RecordingSender : IDigestSender
{
    private readonly ConcurrentQueue<DigestEmail> _delivered = new();

    public string Name => "recording";

    /// <summary>Like the outbox: the same digest id is delivered once however often it is sent.</summary>
    public bool IsIdempotent { get; init; }

    /// <summary>When set, each send throws what it returns (null delivers).</summary>
    public Func<DigestEmail, Exception?>? Refuse { get; set; }

    /// <summary>Awaited inside each send, to hold senders in flight for concurrency tests.</summary>
    public Func<Task>? InFlight { get; set; }

    public IReadOnlyList<DigestEmail> Delivered => _delivered.ToList();

    public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
    {
        if (InFlight is not null)
        {
            await InFlight();
        }

        if (Refuse?.Invoke(email) is { } exception)
        {
            throw exception;
        }

        if (!IsIdempotent || _delivered.All(d => d.Id != email.Id))
        {
            _delivered.Enqueue(email);
        }

        return new DeliveryReceipt(email.Id, email.SubscriberId, Name, [$"message-{email.Id}"]);
    }
}
