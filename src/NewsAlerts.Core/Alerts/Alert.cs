using System.Text.Json.Serialization;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Alerts;

/// <summary>An article a subscriber should hear about, with the matches of the watchlists they follow.</summary>
/// <param name="DigestId">The digest that carries it; null while it waits for one.</param>
/// <param name="ClusterId">The article's story cluster, so a story a subscriber already got is not sent again.</param>
public sealed record Alert(
    string SubscriberId,
    string ArticleId,
    IReadOnlyList<WatchlistMatch> Matches,
    DateTimeOffset CreatedAt,
    string? DigestId = null,
    string? ClusterId = null)
{
    [JsonIgnore]
    public double Score => Matches.Count == 0 ? 0 : Matches.Max(m => m.Score);
}
