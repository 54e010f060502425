using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Core.Alerts;

/// <summary>What analysing and matching one article found, before anything of it is stored.</summary>
/// <param name="Article">The article with its analysis.</param>
/// <param name="AnalysedNow">True when the analysis was made now (a stored article then needs it written back).</param>
public sealed record ProcessedArticle(Article Article, IReadOnlyList<WatchlistMatch> Matches, bool AnalysedNow);

/// <summary>
/// Analyses an article, matches it against every watchlist, and records alerts for followers and the matches for
/// watchlist feeds. <see cref="ProcessAsync"/> does it all for one stored article (a queue message in Azure); the CLI's
/// pipeline runs <see cref="AnalyseAndMatchAsync"/> on every core and <see cref="RecordAsync"/> in its one writer.
/// </summary>
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
        var processed = await AnalyseAndMatchAsync(article, config, cancellationToken);
        if (processed.AnalysedNow)
        {
            await articles.UpdateAsync(processed.Article, cancellationToken);
        }

        var added = await RecordAsync(processed, config, time.GetUtcNow(), cancellationToken);
        await articles.MarkMatchedAsync(article.Id, time.GetUtcNow(), cancellationToken);
        return added;
    }

    /// <summary>
    /// Analyses the article unless it carries an analysis, and matches it; stores nothing, so many can run at once. An
    /// article published longer before it was read than its source's <see cref="SourceConfig.MaxAge"/> is kept but
    /// neither analysed nor matched: old news alerts nobody.
    /// </summary>
    public async Task<ProcessedArticle> AnalyseAndMatchAsync(Article article, NewsAlertsConfig config, CancellationToken cancellationToken)
    {
        var maxAge = config.FindSource(article.SourceId)?.MaxAge ?? SourceConfig.DefaultMaxAge; // a source removed since: the default
        if (article.PublishedAt is { } published && article.IngestedAt - published > maxAge)
        {
            LogTooOld(article.Id, published, maxAge);
            return new ProcessedArticle(article, [], AnalysedNow: false);
        }

        var analysed = article.Analysis is not null
            ? article
            : article with { Analysis = await analyzer.AnalyzeAsync(article.AnalysisText, article.LanguageHint, cancellationToken) };
        return new ProcessedArticle(analysed, matchers.Get(config).Match(analysed), article.Analysis is null);
    }

    /// <summary>
    /// Records the alerts of a processed article for the subscribers following its watchlists (created at
    /// <paramref name="createdAt"/>), its watchlist feed entries and its urgent alerts; returns how many alerts were new.
    /// The caller stores the analysis and marks the article matched.
    /// </summary>
    public Task<int> RecordAsync(ProcessedArticle processed, NewsAlertsConfig config, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        RecordAllAsync([processed], config, createdAt, cancellationToken);

    /// <summary>
    /// <see cref="RecordAsync"/> for many articles at once (the CLI's writer, inside one unit of work). Their alerts are
    /// added in one call, ordered by subscriber: rows stored next to each other are claimed by one digest later, so
    /// a digest's claim rewrites a few pages instead of one page per alert.
    /// </summary>
    public async Task<int> RecordAllAsync(IReadOnlyList<ProcessedArticle> processed, NewsAlertsConfig config, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var newAlerts = new List<Alert>();
        foreach (var (article, matches, _) in processed)
        {
            var own = AlertsFor(config, article, matches, createdAt);
            newAlerts.AddRange(own);
            await feeds.RecordAsync(article, matches, cancellationToken);
            RecordMetrics(matches.Count);
            LogProcessed(article.Id, matches.Count, own.Count);
        }

        newAlerts.Sort(static (a, b) => string.CompareOrdinal(a.SubscriberId, b.SubscriberId) is var order and not 0 ? order : string.CompareOrdinal(a.ArticleId, b.ArticleId));
        var added = newAlerts.Count == 0 ? 0 : await alerts.AddAsync(newAlerts, cancellationToken);

        if (config.HasUrgentWatchlists)
        {
            await urgent.EnqueueAsync(UrgentKeys(config, newAlerts), cancellationToken);
        }

        NewsAlertsMetrics.AlertsCreated.Add(added);
        return added;
    }

    /// <summary>One alert per subscriber following a matched watchlist, with that subscriber's matches in match order.</summary>
    private static List<Alert> AlertsFor(NewsAlertsConfig config, Article article, IReadOnlyList<WatchlistMatch> matches, DateTimeOffset createdAt)
    {
        var bySubscriber = new Dictionary<string, List<WatchlistMatch>>(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            foreach (var follower in config.FollowersOf(match.WatchlistId))
            {
                (bySubscriber.TryGetValue(follower.Id, out var own) ? own : bySubscriber[follower.Id] = []).Add(match);
            }
        }

        return [.. bySubscriber.Select(s => new Alert(s.Key, article.Id, s.Value, createdAt, ClusterId: article.ClusterId))];
    }

    /// <summary>Alerts with a match of an urgent watchlist go out at once; sending is idempotent, so a repeat is harmless.</summary>
    private static List<DigestKey> UrgentKeys(NewsAlertsConfig config, List<Alert> alerts) =>
        alerts
            .Where(a => a.Matches.Any(m => config.FindWatchlist(m.WatchlistId)?.Urgent == true))
            .Select(a => DigestKey.Urgent(a.SubscriberId, a.ArticleId))
            .ToList();

    private static void RecordMetrics(int matchCount)
    {
        if (matchCount > 0)
        {
            NewsAlertsMetrics.ArticlesMatched.Add(1);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} is not in the store; nothing to process")]
    private partial void LogArticleMissing(string articleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} was published {PublishedAt:u}, more than its source's maxAge {MaxAge} before it was read: stored, not alerted")]
    private partial void LogTooOld(string articleId, DateTimeOffset publishedAt, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed {ArticleId}: {MatchCount} watchlist matches, {AlertCount} alerts for followers")]
    private partial void LogProcessed(string articleId, int matchCount, int alertCount);
}
