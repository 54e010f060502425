using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Matching;

/// <summary>Builds matchers from queries and articles from text for the matching tests.</summary>
internal static class MatcherHarness
{
    public static QueryMatcher Matcher(string query, bool geoAliases = true, double minScore = 0, IReadOnlyDictionary<string, IReadOnlyList<string>>? aliases = null) =>
        QueryMatcher.Create(Config(aliases, new WatchlistConfig { Id = "w", Name = "w", Query = query, GeoAliases = geoAliases, MinScore = minScore }));

    public static NewsAlertsConfig Config(IReadOnlyDictionary<string, IReadOnlyList<string>>? aliases, params WatchlistConfig[] watchlists) => new()
    {
        Watchlists = watchlists,
        Aliases = aliases ?? new Dictionary<string, IReadOnlyList<string>>(),
    };

    public static Article Article(string title, string body = "", string source = "sample-world", ArticleAnalysis? analysis = null) =>
        new ArticleBuilder().WithTitle(title).WithBody(body).WithSource(source).WithAnalysis(analysis).Build();

    /// <summary>Whether a query matches a text given as title (and optionally body).</summary>
    public static bool Matches(string query, string title, string body = "", bool geoAliases = true) =>
        Matcher(query, geoAliases).Match(Article(title, body)).Count > 0;

    /// <summary>The article text each highlight covers, as "field:text".</summary>
    public static List<string> HighlightedText(Article article, WatchlistMatch match) =>
        match.Highlights.Select(h => $"{h.Field}:{(h.Field == ArticleFields.Title ? article.Title : article.Body).Substring(h.Offset, h.Length)}").ToList();

    public static ArticleAnalysis AnalysisOf(SentimentLabel sentiment = SentimentLabel.Neutral, string language = "en", params Entity[] entities) =>
        new(language, new Sentiment(sentiment, 0, 1, 0), entities, "test");
}
