using System.Collections.Concurrent;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.TestSupport.Fakes;

public sealed class InMemoryUnsubscribeStore : IUnsubscribeStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> AddAsync(string email, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_addresses.TryAdd(email.Trim(), at));

    public Task<bool> ContainsAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(_addresses.ContainsKey(email.Trim()));
}
