namespace NewsAlerts.Core.Delivery;

/// <summary>A composed digest, ready for any delivery provider.</summary>
/// <param name="Id">Deterministic: the same subscriber and alerts always give the same id.</param>
public sealed record DigestEmail(
    string Id,
    string SubscriberId,
    EmailAddress To,
    EmailAddress From,
    string Subject,
    string Html,
    string Text,
    DateTimeOffset CreatedAt);

public sealed record EmailAddress(string Address, string? Name);

/// <summary>Proof of delivery from a provider; <paramref name="Locations"/> say where it went (file paths, a message id).</summary>
public sealed record DeliveryReceipt(string DigestId, string SubscriberId, string Provider, IReadOnlyList<string> Locations);
