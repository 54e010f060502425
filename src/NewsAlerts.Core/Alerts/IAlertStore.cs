namespace NewsAlerts.Core.Alerts;

/// <summary>
/// Alerts per (subscriber, article), each recorded once, surviving restarts. An alert is pending until a digest
/// claims it; a claim is atomic per alert, so no alert is ever held by two digests.
/// </summary>
public interface IAlertStore
{
    /// <summary>Adds the alerts that are not recorded yet; returns how many were new.</summary>
    Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>Alerts of the subscriber that no digest holds, oldest first.</summary>
    Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>The article ids of <see cref="GetPendingAsync"/>, in its order, for callers that need no more (a store can read them alone).</summary>
    async Task<IReadOnlyList<string>> GetPendingIdsAsync(string subscriberId, CancellationToken cancellationToken) =>
        [.. (await GetPendingAsync(subscriberId, cancellationToken)).Select(a => a.ArticleId)];

    /// <summary>
    /// Gives the digest the subscriber's pending alerts (only those of <paramref name="articleIds"/> when given),
    /// skipping any another digest holds, and returns every alert the digest now holds.
    /// </summary>
    Task<IReadOnlyList<Alert>> ClaimAsync(string subscriberId, string digestId, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken);

    /// <summary>Makes the digest's alerts pending again, except those in <paramref name="keep"/>.</summary>
    Task ReleaseAsync(string subscriberId, string digestId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="clusterIds"/> the subscriber already has alerts for in digests other than this one.</summary>
    Task<IReadOnlySet<string>> GetClustersHeldElsewhereAsync(string subscriberId, string digestId, IReadOnlyCollection<string> clusterIds, CancellationToken cancellationToken);
}
