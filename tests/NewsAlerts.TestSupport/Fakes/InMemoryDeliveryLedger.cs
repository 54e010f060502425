using System.Globalization;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>A hand-written <see cref="IDeliveryLedger"/> in memory, with the same compare-and-set on versions.</summary>
public sealed class InMemoryDeliveryLedger : IDeliveryLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeliveryRecord> _records = new(StringComparer.Ordinal);

    public IReadOnlyList<DeliveryRecord> All
    {
        get
        {
            lock (_lock)
            {
                return _records.Values.ToList();
            }
        }
    }

    public Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(initial.DigestId, out var record))
            {
                record = initial with { Version = "1" };
                _records[initial.DigestId] = record;
            }

            return Task.FromResult(record);
        }
    }

    public Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.TryGetValue(digestId, out var record) && record.SubscriberId == subscriberId ? record : null);
        }
    }

    public Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DeliveryRecord>>(
                _records.Values.Where(r => r.SubscriberId == subscriberId && r.State is DeliveryState.Pending or DeliveryState.Sending).ToList());
        }
    }

    public Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(record.DigestId, out var stored) || stored.Version != record.Version)
            {
                return Task.FromResult<DeliveryRecord?>(null);
            }

            var updated = record with { Version = (int.Parse(stored.Version, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) };
            _records[record.DigestId] = updated;
            return Task.FromResult<DeliveryRecord?>(updated);
        }
    }
}
