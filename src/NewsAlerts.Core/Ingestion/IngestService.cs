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
public sealed record IngestResult(string SourceId, int ItemsRead, IReadOnlyList<string> NewArticleIds, IReadOnlyList<string> Warnings, bool NotModified = false)
{
    /// <summary>Why the source could not be read (fetch failed, nothing parsable, out of time); null when it was read.</summary>
    public string? Error { get; init; }

    /// <summary>The source was not polled: its poll interval has not passed since the last poll.</summary>
    public bool NotDue { get; init; }

    /// <summary>When the source is due next.</summary>
    public DateTimeOffset? NextPollAt { get; init; }

    public bool Failed => Error is not null;

    internal static IngestResult Failure(string sourceId, string error, IReadOnlyList<string>? warnings = null) =>
        new(sourceId, 0, [], warnings ?? []) { Error = error };
}

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
    /// Ingests every enabled source (with <paramref name="dueOnly"/>, only those whose poll interval has passed), a few at
    /// a time, each within <see cref="FeedFetchOptions.SourceBudget"/>: a slow or failing source becomes a failed result and
    /// never holds up the others. Results come in config order; <paramref name="progress"/> hears of each source as it finishes.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAllAsync(CancellationToken cancellationToken, IProgress<IngestResult>? progress = null, bool dueOnly = false)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var sources = config.Sources.Where(s => s.Enabled).ToList();
        var results = new IngestResult[sources.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetchOptions.Value.MaxParallelSources, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), parallel, async (i, ct) =>
        {
            results[i] = await PollAsync(sources[i], fetchOptions.Value.SourceBudget, dueOnly, ct);
            lock (results)
            {
                progress?.Report(results[i]); // one report at a time: console writers are not thread-safe
            }
        });
        return results;
    }

    /// <summary>
    /// Fetches one source (conditionally), parses it and stores its new articles; a failure becomes a failed result.
    /// Either way the poll and the source's health are recorded in the feed state.
    /// </summary>
    public Task<IngestResult> IngestAsync(SourceConfig source, CancellationToken cancellationToken) =>
        PollAsync(source, budget: null, dueOnly: false, cancellationToken);

    private async Task<IngestResult> PollAsync(SourceConfig source, TimeSpan? budget, bool dueOnly, CancellationToken cancellationToken)
    {
        var previous = await feedStates.GetAsync(source.Id, cancellationToken);
        var startedAt = time.GetUtcNow();
        if (dueOnly && !FeedState.IsDue(source, previous, startedAt))
        {
            return new IngestResult(source.Id, 0, [], []) { NotDue = true, NextPollAt = previous?.NextPollAt(source) };
        }

        Read read;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (budget is { } limit)
            {
                deadline.CancelAfter(limit);
            }

            try
            {
                read = await ReadAsync(source, previous, deadline.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && budget is not null)
            {
                read = new Read(IngestResult.Failure(source.Id, $"given up after {budget.Value.TotalSeconds:0.###} s"), null, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && budget is not null)
            {
                // Among other sources, whatever one throws (a parser bug, a storage error, a scheme nobody expected) is its
                // own failure: the others go on, and what it stored before failing is matched by the next run's sweep.
                // Alone (a queue message in Azure) it throws, so the host retries the message.
                read = new Read(IngestResult.Failure(source.Id, ex.Message), null, ex);
            }
        }

        var state = await RecordPollAsync(source, previous, startedAt, read, cancellationToken);
        var result = read.Result with { NextPollAt = state.NextPollAt(source) };
        if (result.Failed)
        {
            LogSourceFailed(read.Exception, source.Id, result.Error!, state.ConsecutiveFailures, result.NextPollAt);
        }

        return result;
    }

    /// <summary>One read of a source: its result, the response it came from (null when the fetch failed) and any exception.</summary>
    private sealed record Read(IngestResult Result, FeedFetchResult? Fetched, Exception? Exception = null);

    private async Task<Read> ReadAsync(SourceConfig source, FeedState? previous, CancellationToken cancellationToken)
    {
        FeedFetchResult fetched;
        ParsedFeed feed;
        try
        {
            fetched = await fetcher.FetchAsync(source, previous, cancellationToken);
            if (fetched.Attempts > 1)
            {
                LogRetried(source.Id, fetched.Attempts);
            }

            if (fetched.NotModified)
            {
                LogNotModified(source.Id);
                return new Read(new IngestResult(source.Id, 0, [], [], NotModified: true), fetched);
            }

            feed = FeedParser.Parse(fetched.Body, fetched.ContentType, fetched.Location, cancellationToken);
        }
        catch (FeedFetchException ex)
        {
            return new Read(IngestResult.Failure(source.Id, ex.Message), null, ex);
        }

        if (feed.IsEmpty)
        {
            var reason = $"nothing could be parsed: {feed.Warnings.FirstOrDefault() ?? "no feed title and no items"}";
            return new Read(IngestResult.Failure(source.Id, reason, [.. feed.Warnings.Skip(1).Select(w => $"{source.Id}: {w}")]), fetched);
        }

        var now = time.GetUtcNow();
        var warnings = feed.Warnings.Select(w => $"{source.Id}: {w}").ToList();
        var (newIds, duplicates) = await StoreNewArticlesAsync(source, feed, now, warnings, cancellationToken);

        LogIngested(source.Id, feed.Items.Count, newIds.Count, duplicates);
        return new Read(new IngestResult(source.Id, feed.Items.Count, newIds, warnings), fetched);
    }

    /// <summary>
    /// Records the poll: new validators when the server sent them, the poll time (so the next one waits a poll interval),
    /// and the source's health. Saved with the caller's token, so a source given up on is still recorded.
    /// </summary>
    private async Task<FeedState> RecordPollAsync(SourceConfig source, FeedState? previous, DateTimeOffset polledAt, Read read, CancellationToken cancellationToken)
    {
        var state = (previous ?? new FeedState(source.Id, null, null, null)) with { LastPolledAt = polledAt };
        if (read.Fetched is { } fetched && (fetched.ETag is not null || fetched.LastModified is not null))
        {
            state = state with { ETag = fetched.ETag, LastModified = fetched.LastModified };
        }

        state = read.Result.Failed
            ? state with { ConsecutiveFailures = state.ConsecutiveFailures + 1, LastError = read.Result.Error }
            : state with
            {
                LastSuccessAt = polledAt,
                ConsecutiveFailures = 0,
                LastError = null,
                ItemsLastRead = read.Result.NotModified ? state.ItemsLastRead : read.Result.ItemsRead,
            };
        await feedStates.SaveAsync(state, cancellationToken);
        return state;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "source {SourceId} failed: {Error}; {Failures} failure(s) in a row, next poll after {NextPollAt:u}")]
    private partial void LogSourceFailed(Exception? exception, string sourceId, string error, int failures, DateTimeOffset? nextPollAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} answered after {Attempts} attempts")]
    private partial void LogRetried(string sourceId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId}: full text of {Link} not extracted")]
    private partial void LogFullTextFailed(Exception exception, string sourceId, Uri link);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} not modified since the last poll")]
    private partial void LogNotModified(string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {SourceId} with {ItemCount} items, {NewCount} new, {DuplicateCount} exact duplicates dropped")]
    private partial void LogIngested(string sourceId, int itemCount, int newCount, int duplicateCount);
}
