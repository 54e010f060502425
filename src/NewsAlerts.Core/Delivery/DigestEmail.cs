namespace NewsAlerts.Core.Delivery;

/// <summary>A composed digest, ready for any delivery provider.</summary>
/// <param name="Id">Deterministic: the same subscriber and period always give the same id.</param>
/// <param name="UnsubscribeUrl">One-click unsubscribe link (RFC 8058) for the List-Unsubscribe header; null when none.</param>
/// <param name="Urgent">An urgent alert rather than a scheduled digest.</param>
public sealed record DigestEmail(
    string Id,
    string SubscriberId,
    EmailAddress To,
    EmailAddress From,
    string Subject,
    string Html,
    string Text,
    DateTimeOffset CreatedAt,
    Uri? UnsubscribeUrl = null,
    bool Urgent = false);

public sealed record EmailAddress(string Address, string? Name);

/// <summary>Proof of delivery from a provider; <paramref name="Locations"/> say where it went (file paths, a message id).</summary>
public sealed record DeliveryReceipt(string DigestId, string SubscriberId, string Provider, IReadOnlyList<string> Locations);
