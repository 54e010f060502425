using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Tests.Digests;

/// <summary>Stands for the process dying: thrown right after a step's effect is stored.</summary>
public sealed class SimulatedCrashException(string step) : Exception($"simulated crash after {step}");

/// <summary>Names the one step after which the next job dies; the wrappers below report each step as it completes.</summary>
public sealed class CrashPlan(string? step)
{
    public const string LedgerAdded = "ledger added";
    public const string AlertsClaimed = "alerts claimed";
    public const string MarkedSending = "ledger Sending";
    public const string SenderCalled = "sender called, before delivering";
    public const string ProviderAccepted = "provider accepted";
    public const string MarkedSent = "ledger Sent";
    public const string AlertsReleased = "alerts released";

    public static readonly string[] Steps = [LedgerAdded, AlertsClaimed, MarkedSending, SenderCalled, ProviderAccepted, MarkedSent, AlertsReleased];

    private string? _step = step;

    public void Completed(string step)
    {
        if (_step == step)
        {
            _step = null;
            throw new SimulatedCrashException(step);
        }
    }
}

public sealed class CrashingLedger(IDeliveryLedger inner, CrashPlan plan) : IDeliveryLedger
{
    public async Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken)
    {
        var record = await inner.GetOrAddAsync(initial, cancellationToken);
        plan.Completed(CrashPlan.LedgerAdded);
        return record;
    }

    public Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken) =>
        inner.GetAsync(subscriberId, digestId, cancellationToken);

    public Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken) =>
        inner.GetOpenAsync(subscriberId, cancellationToken);

    public async Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        var updated = await inner.TryUpdateAsync(record, cancellationToken);
        if (updated?.State == DeliveryState.Sending)
        {
            plan.Completed(CrashPlan.MarkedSending);
        }
        else if (updated?.State == DeliveryState.Sent)
        {
            plan.Completed(CrashPlan.MarkedSent);
        }

        return updated;
    }
}

public sealed class CrashingAlertStore(IAlertStore inner, CrashPlan plan) : IAlertStore
{
    public Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.AddAsync(alerts, cancellationToken);

    public Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken) =>
        inner.GetPendingAsync(subscriberId, cancellationToken);

    public async Task<IReadOnlyList<Alert>> ClaimAsync(string subscriberId, string digestId, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken)
    {
        var held = await inner.ClaimAsync(subscriberId, digestId, articleIds, cancellationToken);
        plan.Completed(CrashPlan.AlertsClaimed);
        return held;
    }

    public async Task ReleaseAsync(string subscriberId, string digestId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        await inner.ReleaseAsync(subscriberId, digestId, keep, cancellationToken);
        plan.Completed(CrashPlan.AlertsReleased);
    }

    public Task<IReadOnlySet<string>> GetClustersHeldElsewhereAsync(string subscriberId, string digestId, IReadOnlyCollection<string> clusterIds, CancellationToken cancellationToken) =>
        inner.GetClustersHeldElsewhereAsync(subscriberId, digestId, clusterIds, cancellationToken);
}

public sealed class CrashingSender(IDigestSender inner, CrashPlan plan) : IDigestSender
{
    public string Name => inner.Name;

    public bool IsIdempotent => inner.IsIdempotent;

    public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
    {
        plan.Completed(CrashPlan.SenderCalled);
        var receipt = await inner.SendAsync(email, cancellationToken);
        plan.Completed(CrashPlan.ProviderAccepted);
        return receipt;
    }
}
