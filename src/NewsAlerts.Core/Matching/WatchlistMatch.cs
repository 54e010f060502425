using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Matching;

/// <summary>An article matched a watchlist: how well, and which text made it match.</summary>
public sealed record WatchlistMatch(string WatchlistId, double Score, IReadOnlyList<Highlight> Highlights)
{
    /// <summary>The distinct query terms that hit, in query order, for a "why it matched" line.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> MatchedTerms => Highlights.Select(h => h.Term).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>A span of the article's title or body that satisfied a query term.</summary>
/// <param name="Field"><see cref="ArticleFields.Title"/> or <see cref="ArticleFields.Body"/>.</param>
/// <param name="Term">The query term (or clause) that the span satisfied.</param>
/// <remarks>A value type: a busy article yields thousands of highlights, one small array per match.</remarks>
public readonly record struct Highlight(string Field, int Offset, int Length, string Term);

public static class ArticleFields
{
    public const string Title = "title";
    public const string Body = "body";
}
