using System.Text.Json.Serialization;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Alerts;

/// <summary>An article a subscriber should hear about, with the matches of the watchlists they follow.</summary>
/// <param name="DigestId">The digest that carried it; null while it waits for one.</param>
public sealed record Alert(
    string SubscriberId,
    string ArticleId,
    IReadOnlyList<WatchlistMatch> Matches,
    DateTimeOffset CreatedAt,
    string? DigestId = null)
{
    [JsonIgnore]
    public double Score => Matches.Count == 0 ? 0 : Matches.Max(m => m.Score);
}
