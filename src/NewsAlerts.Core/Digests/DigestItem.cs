using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.Core.Digests;

/// <summary>An alert together with its article, as a digest shows it.</summary>
public sealed record DigestItem(Alert Alert, Article Article);
