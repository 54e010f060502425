namespace NewsAlerts.Core.Delivery;

/// <summary>Delivers a digest email: to an outbox folder, SMTP or SendGrid.</summary>
public interface IDigestSender
{
    /// <summary>The provider's name, for the ledger and logs.</summary>
    string Name { get; }

    /// <summary>
    /// True when sending the same digest id twice delivers it once (the outbox). Only then does a job that finds a
    /// digest stuck in <see cref="DeliveryState.Sending"/> send it again; otherwise delivery is at most once.
    /// </summary>
    bool IsIdempotent { get; }

    /// <summary>Delivers the email, retrying what is worth retrying; a failure is a <see cref="DeliveryException"/>.</summary>
    Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken);
}

public enum DeliveryFailure
{
    /// <summary>The provider refused the message for good (an invalid address, a bad request): do not retry.</summary>
    Permanent,

    /// <summary>The provider was busy or unreachable and the retries are used up: the message was not delivered.</summary>
    Transient,

    /// <summary>The provider may have accepted the message (a timeout after it was sent): never send it again.</summary>
    OutcomeUnknown,
}

/// <summary>A delivery that did not succeed, with whether it may have reached the provider.</summary>
public sealed class DeliveryException(DeliveryFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public DeliveryFailure Failure { get; } = failure;
}
