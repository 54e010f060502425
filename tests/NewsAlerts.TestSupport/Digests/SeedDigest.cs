using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.TestSupport.Digests;

/// <summary>
/// The seed subscriber's digest of the seed article, made by the real code: the sample config, the offline analyzer,
/// the query matcher and the digest composer. Channel messages rendered from it are the examples in docs/delivery.md.
/// </summary>
public static class SeedDigest
{
    /// <summary>Sam's daily 08:00 digest (Europe/London) on the day the docs show.</summary>
    public static readonly DateTimeOffset ComposedAt = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static readonly string ArticleId = Core.Articles.ArticleId.From("sample-world", "4c9df461499d11da");

    public static readonly Uri Link = new("https://news.example.org/world/2023/10/27/israel-demands-expulsion-of-hamas-representatives-from-russia");

    public static NewsAlertsConfig Config() => ConfigLoader.Load(Path.Combine(RepoPaths.Seeds, "newsalerts.json"));

    /// <summary>The seed article as ingestion stores it, analysed by the offline analyzer.</summary>
    public static async Task<Article> ArticleAsync()
    {
        var article = SeedArticle.Load() with
        {
            Id = ArticleId,
            Link = Link,
            PublishedAt = new DateTimeOffset(2023, 10, 27, 9, 15, 0, TimeSpan.Zero),
        };
        var analysis = await new OfflineAnalyzer().AnalyzeAsync(article.AnalysisText, "en", CancellationToken.None);
        return article with { Analysis = analysis };
    }

    public static async Task<DigestView> ViewAsync(bool urgent = false)
    {
        var config = Config();
        var article = await ArticleAsync();
        var subscriber = config.Subscribers[0];
        var matches = QueryMatcher.Create(config).Match(article).Where(m => subscriber.Watchlists.Contains(m.WatchlistId)).ToList();
        var key = urgent ? DigestKey.Urgent(subscriber.Id, article.Id) : DigestKey.Scheduled(subscriber.Id, ScheduleKind.Daily, ComposedAt);
        var alert = new Alert(subscriber.Id, article.Id, matches, ComposedAt);
        var content = new DigestContent(config, subscriber, key, [new DigestItem(alert, article)], new HashSet<string>());
        return DigestComposer.View(content, null, ComposedAt);
    }
}
