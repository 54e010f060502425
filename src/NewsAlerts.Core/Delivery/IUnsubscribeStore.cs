namespace NewsAlerts.Core.Delivery;

/// <summary>Addresses that asked to receive nothing more. Addresses compare ignoring case.</summary>
public interface IUnsubscribeStore
{
    /// <summary>Records the address; true when it was not recorded before.</summary>
    Task<bool> AddAsync(string email, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> ContainsAsync(string email, CancellationToken cancellationToken);
}
