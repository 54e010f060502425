namespace NewsAlerts.Core.Alerts;

/// <summary>Alerts per (subscriber, article), each recorded once, surviving restarts.</summary>
public interface IAlertStore
{
    /// <summary>Adds the alerts that are not recorded yet; returns how many were new.</summary>
    Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>Alerts of the subscriber that no digest has carried yet, oldest first.</summary>
    Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>Records that a digest carried these alerts.</summary>
    Task MarkSentAsync(string subscriberId, IReadOnlyList<string> articleIds, string digestId, CancellationToken cancellationToken);
}
