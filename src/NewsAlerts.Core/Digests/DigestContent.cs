using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Digests;

/// <summary>Everything one digest shows: whose it is, which period, the alerts it carries with their articles.</summary>
/// <param name="ClustersAlreadySent">Story clusters the subscriber already got in earlier digests: shown as new coverage only.</param>
public sealed record DigestContent(
    NewsAlertsConfig Config,
    SubscriberConfig Subscriber,
    DigestKey Key,
    IReadOnlyList<DigestItem> Items,
    IReadOnlySet<string> ClustersAlreadySent);
