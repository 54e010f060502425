namespace NewsAlerts.Core.Delivery;

/// <summary>Delivers a digest email: to an outbox folder, SMTP or SendGrid.</summary>
public interface IDigestSender
{
    Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken);
}
