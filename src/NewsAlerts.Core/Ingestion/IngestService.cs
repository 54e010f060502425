using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Ingestion.FullText;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Core.Ingestion;

/// <summary>What one source yielded in one poll.</summary>
/// <param name="NotModified">The server answered 304 to the conditional GET: nothing was parsed.</param>
public sealed record IngestResult(string SourceId, int ItemsRead, IReadOnlyList<string> NewArticleIds, IReadOnlyList<string> Warnings, bool NotModified = false);

/// <summary>Reads sources, normalises their items and stores the articles not seen before.</summary>
public sealed partial class IngestService(
    IFeedFetcher fetcher,
    FullTextExtractor fullText,
    IFeedStateStore feedStates,
    IArticleStore articles,
    Deduplicator deduplicator,
    IConfigProvider configProvider,
    IOptions<FeedFetchOptions> fetchOptions,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    /// <summary>
    /// Ingests every enabled source, a few at a time, each within <see cref="FeedFetchOptions.SourceBudget"/>: a slow or
    /// failing source becomes a warning and never holds up the others. Results come in config order;
    /// <paramref name="progress"/> hears of each source as it finishes.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAllAsync(CancellationToken cancellationToken, IProgress<IngestResult>? progress = null)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var sources = config.Sources.Where(s => s.Enabled).ToList();
        var results = new IngestResult[sources.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetchOptions.Value.MaxParallelSources, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), parallel, async (i, ct) =>
        {
            results[i] = await IngestWithinBudgetAsync(sources[i], ct);
            lock (results)
            {
                progress?.Report(results[i]); // one report at a time: console writers are not thread-safe
            }
        });
        return results;
    }

    private async Task<IngestResult> IngestWithinBudgetAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        var budget = fetchOptions.Value.SourceBudget;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            return await IngestAsync(source, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogSourceTimedOut(source.Id, budget);
            return new IngestResult(source.Id, 0, [], [$"{source.Id}: given up after {budget.TotalSeconds:0.###} s"]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever one source throws (a parser bug, a storage error, a scheme nobody expected) is its own warning:
            // the other sources go on, and what it stored before failing is matched by the next run's sweep.
            LogSourceFailed(ex, source.Id);
            return new IngestResult(source.Id, 0, [], [$"{source.Id}: failed: {ex.Message}"]);
        }
    }

    /// <summary>Fetches one source (conditionally), parses it and stores its new articles; a failure becomes a warning.</summary>
    public async Task<IngestResult> IngestAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        var previous = await feedStates.GetAsync(source.Id, cancellationToken);
        FeedFetchResult fetched;
        ParsedFeed feed;
        try
        {
            fetched = await fetcher.FetchAsync(source, previous, cancellationToken);
            if (fetched.NotModified)
            {
                LogNotModified(source.Id);
                return new IngestResult(source.Id, 0, [], [], NotModified: true);
            }

            feed = FeedParser.Parse(fetched.Body, fetched.ContentType, fetched.Location, cancellationToken);
        }
        catch (FeedFetchException ex)
        {
            LogSourceFailed(ex, source.Id);
            return new IngestResult(source.Id, 0, [], [$"{source.Id}: {ex.Message}"]);
        }

        if (feed.IsEmpty)
        {
            LogNothingParsed(source.Id, feed.Warnings.FirstOrDefault() ?? "");
            return new IngestResult(source.Id, 0, [], [.. feed.Warnings.Select(w => $"{source.Id}: {w}")]);
        }

        var now = time.GetUtcNow();
        var warnings = feed.Warnings.Select(w => $"{source.Id}: {w}").ToList();
        var (newIds, duplicates) = await StoreNewArticlesAsync(source, feed, now, warnings, cancellationToken);

        if (fetched.ETag is not null || fetched.LastModified is not null || previous is not null)
        {
            await feedStates.SaveAsync(new FeedState(source.Id, fetched.ETag, fetched.LastModified, previous?.LastPolledAt), cancellationToken);
        }

        LogIngested(source.Id, feed.Items.Count, newIds.Count, duplicates);
        return new IngestResult(source.Id, feed.Items.Count, newIds, warnings);
    }

    /// <summary>
    /// Drops exact duplicates, adds full text where asked, stores the new articles and only then has de-duplication
    /// remember them, so an article is never counted as seen without being stored. Should another process have
    /// remembered a copy of one of them in between, the stored article is moved into that copy's cluster.
    /// </summary>
    private async Task<(List<string> NewIds, int Duplicates)> StoreNewArticlesAsync(
        SourceConfig source, ParsedFeed feed, DateTimeOffset now, List<string> warnings, CancellationToken cancellationToken)
    {
        var batch = await deduplicator.ClassifyAsync(ArticleNormalizer.NormalizeAll(source, feed, now), cancellationToken);
        var fresh = batch.Fresh;
        var articlesToStore = fresh.Select(d => d.Article).ToList();
        if (source.FullText)
        {
            await AddFullTextAsync(source, articlesToStore, warnings, cancellationToken);
        }

        var newIds = new List<string>();
        var alreadyStored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in articlesToStore)
        {
            if (await articles.TryAddAsync(article, cancellationToken))
            {
                newIds.Add(article.Id);
            }
            else
            {
                alreadyStored.Add(article.Id); // stored by a poll that stopped before remembering it
            }
        }

        var remembered = await deduplicator.RememberAsync(batch, cancellationToken);
        for (var i = 0; i < remembered.Count; i++)
        {
            if (remembered[i].Article.ClusterId != articlesToStore[i].ClusterId || alreadyStored.Contains(articlesToStore[i].Id))
            {
                await MoveToClusterAsync(articlesToStore[i].Id, remembered[i].Article.ClusterId!, cancellationToken);
            }
        }

        return (newIds, batch.Decisions.Count - fresh.Count);
    }

    /// <summary>Gives a stored article the cluster de-duplication settled on, unless it has it already.</summary>
    private async Task MoveToClusterAsync(string articleId, string clusterId, CancellationToken cancellationToken)
    {
        if (await articles.GetAsync(articleId, cancellationToken) is { } stored && stored.ClusterId != clusterId)
        {
            await articles.UpdateAsync(stored with { ClusterId = clusterId }, cancellationToken);
        }
    }

    /// <summary>
    /// For new items whose body is under <see cref="FeedFetchOptions.FullTextBelowChars"/>, replaces the summary with
    /// the page's main text when that is longer. At most <see cref="FeedFetchOptions.MaxFullTextPagesPerPoll"/> pages,
    /// a few at a time; a page that fails leaves its summary and a warning.
    /// </summary>
    private async Task AddFullTextAsync(SourceConfig source, List<Article> fresh, List<string> warnings, CancellationToken cancellationToken)
    {
        var options = fetchOptions.Value;
        var candidates = Enumerable.Range(0, fresh.Count)
            .Where(i => fresh[i].Link is not null && fresh[i].Body.Length < options.FullTextBelowChars)
            .Take(options.MaxFullTextPagesPerPoll)
            .ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.FullTextBudget);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelPageFetches, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(candidates, parallel, async (i, _) =>
        {
            var article = fresh[i];
            try
            {
                var text = await fullText.ExtractAsync(source, article.Link!, deadline.Token);
                if (text.Length > article.Body.Length)
                {
                    fresh[i] = article with { Body = text };
                }
            }
            catch (Exception ex) when (ex is FeedFetchException or FullTextException)
            {
                KeepSummary(source, article.Link!, ex.Message, ex, warnings);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                KeepSummary(source, article.Link!, $"not done within the {options.FullTextBudget.TotalSeconds:0.###} s full-text budget", ex, warnings);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                KeepSummary(source, article.Link!, ex.Message, ex, warnings); // one page never costs the source its items
            }
        });
    }

    private void KeepSummary(SourceConfig source, Uri link, string reason, Exception exception, List<string> warnings)
    {
        LogFullTextFailed(exception, source.Id, link);
        lock (warnings)
        {
            warnings.Add($"{source.Id}: full text of {link} not extracted, summary kept: {reason}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} could not be read")]
    private partial void LogSourceFailed(Exception exception, string sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId}: full text of {Link} not extracted")]
    private partial void LogFullTextFailed(Exception exception, string sourceId, Uri link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} was given up after {Budget}")]
    private partial void LogSourceTimedOut(string sourceId, TimeSpan budget);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} yielded no feed: {Reason}")]
    private partial void LogNothingParsed(string sourceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} not modified since the last poll")]
    private partial void LogNotModified(string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {SourceId} with {ItemCount} items, {NewCount} new, {DuplicateCount} exact duplicates dropped")]
    private partial void LogIngested(string sourceId, int itemCount, int newCount, int duplicateCount);
}
