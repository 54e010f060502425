using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Core.Alerts;

/// <summary>Analyses one stored article, matches it against every watchlist, records alerts for followers and the matches for watchlist feeds.</summary>
public sealed partial class ArticleProcessor(
    IArticleStore articles,
    IAlertStore alerts,
    IArticleAnalyzer analyzer,
    IConfigProvider configProvider,
    WatchlistMatcherCache matchers,
    IUrgentAlertQueue urgent,
    FeedRecorder feeds,
    TimeProvider time,
    ILogger<ArticleProcessor> logger)
{
    /// <summary>
    /// Processes the article; returns the number of new alerts. Safe to call twice for one article: the analysis is kept,
    /// alerts are recorded once per (subscriber, article), and urgent ones are handed on again (sent once). The article is
    /// marked matched last, so a process stopped anywhere before leaves it for the sweep. An article published longer
    /// ago than its source's <see cref="SourceConfig.MaxAge"/> stays stored but is neither analysed nor alerted.
    /// </summary>
    public async Task<int> ProcessAsync(string articleId, CancellationToken cancellationToken)
    {
        var article = await articles.GetAsync(articleId, cancellationToken);
        if (article is null)
        {
            LogArticleMissing(articleId);
            await articles.MarkMatchedAsync(articleId, time.GetUtcNow(), cancellationToken); // a marker whose article was never stored
            return 0;
        }

        var config = await configProvider.GetAsync(cancellationToken);
        var maxAge = config.FindSource(article.SourceId)?.MaxAge ?? SourceConfig.DefaultMaxAge; // a source removed since: the default
        if (article.PublishedAt is { } published && article.IngestedAt - published > maxAge)
        {
            LogTooOld(article.Id, published, maxAge);
            await articles.MarkMatchedAsync(article.Id, time.GetUtcNow(), cancellationToken); // done with: the sweep leaves it
            return 0;
        }

        article = await EnsureAnalysedAsync(article, cancellationToken);
        var matches = matchers.Get(config).Match(article);
        var newAlerts = AlertsFor(config, article, matches);
        var added = await alerts.AddAsync(newAlerts, cancellationToken);
        await feeds.RecordAsync(article, matches, cancellationToken);
        await urgent.EnqueueAsync(UrgentKeys(config, newAlerts), cancellationToken);
        await articles.MarkMatchedAsync(article.Id, time.GetUtcNow(), cancellationToken);
        RecordMetrics(matches.Count, added);
        LogProcessed(article.Id, matches.Count, added);
        return added;
    }

    private async Task<Article> EnsureAnalysedAsync(Article article, CancellationToken cancellationToken)
    {
        if (article.Analysis is not null)
        {
            return article;
        }

        var analysis = await analyzer.AnalyzeAsync(article.AnalysisText, article.LanguageHint, cancellationToken);
        var analysed = article with { Analysis = analysis };
        await articles.UpdateAsync(analysed, cancellationToken);
        return analysed;
    }

    private List<Alert> AlertsFor(NewsAlertsConfig config, Article article, IReadOnlyList<WatchlistMatch> matches)
    {
        var now = time.GetUtcNow();
        return config.Subscribers
            .Select(s => (Subscriber: s, Matches: matches.Where(m => s.Watchlists.Contains(m.WatchlistId)).ToList()))
            .Where(x => x.Matches.Count > 0)
            .Select(x => new Alert(x.Subscriber.Id, article.Id, x.Matches, now, ClusterId: article.ClusterId))
            .ToList();
    }

    /// <summary>Alerts with a match of an urgent watchlist go out at once; sending is idempotent, so a repeat is harmless.</summary>
    private static List<DigestKey> UrgentKeys(NewsAlertsConfig config, List<Alert> alerts) =>
        alerts
            .Where(a => a.Matches.Any(m => config.FindWatchlist(m.WatchlistId)?.Urgent == true))
            .Select(a => DigestKey.Urgent(a.SubscriberId, a.ArticleId))
            .ToList();

    private static void RecordMetrics(int matchCount, int alertCount)
    {
        if (matchCount > 0)
        {
            NewsAlertsMetrics.ArticlesMatched.Add(1);
        }

        NewsAlertsMetrics.AlertsCreated.Add(alertCount);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} is not in the store; nothing to process")]
    private partial void LogArticleMissing(string articleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} was published {PublishedAt:u}, more than its source's maxAge {MaxAge} before it was read: stored, not alerted")]
    private partial void LogTooOld(string articleId, DateTimeOffset publishedAt, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed {ArticleId}: {MatchCount} watchlist matches, {AlertCount} new alerts")]
    private partial void LogProcessed(string articleId, int matchCount, int alertCount);
}
