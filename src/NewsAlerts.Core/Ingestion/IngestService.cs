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

/// <summary>What storing one source's poll did: its result, and the cluster each of its fresh articles ended up in.</summary>
public sealed record StoredSource(IngestResult Result, IReadOnlyDictionary<string, string> Clusters);

/// <summary>
/// What reading one source found, before anything of it is stored: its new articles (with their clusters and any full
/// text) or, when there is nothing to store, the <see cref="Result"/> so far (not due, not modified, failed, empty).
/// </summary>
public sealed class SourceRead
{
    internal SourceRead(SourceConfig source, FeedState? previous, DateTimeOffset startedAt, IngestResult result)
    {
        Source = source;
        Previous = previous;
        StartedAt = startedAt;
        Result = result;
    }

    public SourceConfig Source { get; }

    /// <summary>Items read, warnings, and why the source failed if it did.</summary>
    public IngestResult Result { get; init; }

    /// <summary>The articles not seen before, in feed order, to store.</summary>
    public IReadOnlyList<Article> Fresh { get; init; } = [];

    internal FeedState? Previous { get; }

    internal DateTimeOffset StartedAt { get; }

    /// <summary>The response the result came from; null when the fetch failed or the source was not due.</summary>
    internal FeedFetchResult? Fetched { get; init; }

    internal DedupBatch? Batch { get; init; }

    internal Exception? Exception { get; init; }
}

/// <summary>
/// Reads sources, normalises their items and stores the articles not seen before. <see cref="IngestAsync"/> does both
/// for one source; the CLI's pipeline calls <see cref="ReadAsync"/>, matches the fresh articles, then
/// <see cref="StoreAsync"/> inside the unit of work that also records their alerts.
/// </summary>
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
    private static readonly IReadOnlySet<string> Unmatched = new HashSet<string>();

    /// <summary>
    /// Ingests every enabled source, a few at a time, each within <see cref="FeedFetchOptions.SourceBudget"/>: a slow or
    /// failing source becomes a failed result and never holds up the others. Results come in config order. (The CLI reads
    /// through <see cref="Pipeline.IngestPipeline"/>, which also skips sources not due; this is the plain form of it.)
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAllAsync(CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var sources = config.Sources.Where(s => s.Enabled).ToList();
        var results = new IngestResult[sources.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetchOptions.Value.MaxParallelSources, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), parallel, async (i, ct) => results[i] = await PollAmongOthersAsync(sources[i], ct));
        return results;
    }

    /// <summary>Reads and stores one source of many: whatever its storing throws is its own failure, and the others go on.</summary>
    private async Task<IngestResult> PollAmongOthersAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(source, fetchOptions.Value.SourceBudget, dueOnly: false, cancellationToken);
        try
        {
            return (await StoreAsync(read, read.Fresh, Unmatched, default, oneTransaction: false, cancellationToken)).Result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What it stored before failing is matched by the next run's sweep.
            LogSourceNotStored(ex, source.Id);
            return IngestResult.Failure(source.Id, $"not stored: {ex.Message}", read.Result.Warnings);
        }
    }

    /// <summary>
    /// Fetches one source (conditionally), parses it and stores its new articles; a failure becomes a failed result.
    /// Either way the poll and the source's health are recorded in the feed state.
    /// </summary>
    public async Task<IngestResult> IngestAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(source, budget: null, dueOnly: false, cancellationToken);
        return (await StoreAsync(read, read.Fresh, Unmatched, default, oneTransaction: false, cancellationToken)).Result;
    }

    /// <summary>
    /// Fetches one source (conditionally, within <paramref name="budget"/>) and parses it; decides which items are new
    /// (de-duplication, which remembers nothing yet) and adds full text where asked. Stores nothing: see
    /// <see cref="StoreAsync"/>. A failure becomes a failed result; with <paramref name="dueOnly"/> a source whose poll
    /// interval has not passed is not read.
    /// </summary>
    public async Task<SourceRead> ReadAsync(SourceConfig source, TimeSpan? budget, bool dueOnly, CancellationToken cancellationToken)
    {
        var previous = await feedStates.GetAsync(source.Id, cancellationToken);
        var startedAt = time.GetUtcNow();
        if (dueOnly && !FeedState.IsDue(source, previous, startedAt))
        {
            return new SourceRead(source, previous, startedAt, new IngestResult(source.Id, 0, [], []) { NotDue = true, NextPollAt = previous?.NextPollAt(source) });
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        try
        {
            return await ReadFeedAsync(source, previous, startedAt, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && budget is not null)
        {
            return new SourceRead(source, previous, startedAt, IngestResult.Failure(source.Id, $"given up after {budget.Value.TotalSeconds:0.###} s")) { Exception = ex };
        }
        catch (Exception ex) when (ex is not OperationCanceledException && budget is not null)
        {
            // Among other sources, whatever one throws (a parser bug, a scheme nobody expected) is its own failure: the
            // others go on. Alone (a queue message in Azure) it throws, so the host retries the message.
            return new SourceRead(source, previous, startedAt, IngestResult.Failure(source.Id, ex.Message)) { Exception = ex };
        }
    }

    private async Task<SourceRead> ReadFeedAsync(SourceConfig source, FeedState? previous, DateTimeOffset startedAt, CancellationToken cancellationToken)
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
                return new SourceRead(source, previous, startedAt, new IngestResult(source.Id, 0, [], [], NotModified: true)) { Fetched = fetched };
            }

            feed = FeedParser.Parse(fetched.Body, fetched.ContentType, fetched.Location, cancellationToken);
        }
        catch (FeedFetchException ex)
        {
            return new SourceRead(source, previous, startedAt, IngestResult.Failure(source.Id, ex.Message)) { Exception = ex };
        }

        if (feed.IsEmpty)
        {
            var reason = $"nothing could be parsed: {feed.Warnings.FirstOrDefault() ?? "no feed title and no items"}";
            return new SourceRead(source, previous, startedAt, IngestResult.Failure(source.Id, reason, [.. feed.Warnings.Skip(1).Select(w => $"{source.Id}: {w}")])) { Fetched = fetched };
        }

        var warnings = feed.Warnings.Select(w => $"{source.Id}: {w}").ToList();
        var batch = await deduplicator.ClassifyAsync(ArticleNormalizer.NormalizeAll(source, feed, time.GetUtcNow()), cancellationToken);
        var fresh = batch.Fresh.Select(d => d.Article).ToList();
        if (source.FullText)
        {
            await AddFullTextAsync(source, fresh, warnings, cancellationToken);
        }

        return new SourceRead(source, previous, startedAt, new IngestResult(source.Id, feed.Items.Count, [], warnings))
        {
            Fetched = fetched,
            Batch = batch,
            Fresh = fresh,
        };
    }

    /// <summary>
    /// Stores what <paramref name="read"/> found: <paramref name="fresh"/> (its fresh articles, in order, perhaps analysed
    /// since; those in <paramref name="matched"/> marked matched at <paramref name="matchedAt"/>) and their fingerprints,
    /// then the poll and the source's health in the feed state. The result lists the new ids;
    /// <see cref="StoredSource.Clusters"/> the cluster each fresh article ended up in (another process may have
    /// remembered a copy first).
    /// </summary>
    /// <param name="oneTransaction">
    /// True when the caller's unit of work makes all of it one transaction: the fingerprints are remembered first and
    /// the articles stored with the clusters settled. Otherwise the articles are stored first and only then remembered,
    /// so an article is never counted as seen without being stored, and one whose cluster changed is moved.
    /// </param>
    public async Task<StoredSource> StoreAsync(
        SourceRead read, IReadOnlyList<Article> fresh, IReadOnlySet<string> matched, DateTimeOffset matchedAt, bool oneTransaction, CancellationToken cancellationToken)
    {
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (read.Result.NotDue)
        {
            return new StoredSource(read.Result, clusters);
        }

        var newIds = new List<string>();
        if (read.Batch is { } batch)
        {
            IReadOnlySet<string> added;
            IReadOnlyList<DedupDecision> remembered;
            if (oneTransaction)
            {
                remembered = await deduplicator.RememberAsync(batch, cancellationToken);
                fresh = [.. fresh.Select((article, i) => article with { ClusterId = remembered[i].Article.ClusterId })];
                added = await articles.TryAddAllAsync(fresh, matched, matchedAt, cancellationToken);
            }
            else
            {
                added = await articles.TryAddAllAsync(fresh, matched, matchedAt, cancellationToken);
                remembered = await deduplicator.RememberAsync(batch, cancellationToken);
            }

            newIds.AddRange(fresh.Select(a => a.Id).Where(added.Contains));
            for (var i = 0; i < remembered.Count; i++)
            {
                var cluster = remembered[i].Article.ClusterId!;
                clusters[fresh[i].Id] = cluster;
                if (cluster != fresh[i].ClusterId || !added.Contains(fresh[i].Id))
                {
                    await MoveToClusterAsync(fresh[i].Id, cluster, cancellationToken); // a copy came first, or stored by a poll that stopped
                }
            }

            LogIngested(read.Source.Id, read.Result.ItemsRead, newIds.Count, batch.Decisions.Count - fresh.Count);
        }

        var state = await RecordPollAsync(read, cancellationToken);
        var result = read.Result with { NewArticleIds = newIds, NextPollAt = state.NextPollAt(read.Source) };
        if (result.Failed)
        {
            LogSourceFailed(read.Exception, read.Source.Id, result.Error!, state.ConsecutiveFailures, result.NextPollAt);
        }

        return new StoredSource(result, clusters);
    }

    /// <summary>
    /// Records the poll: new validators when the server sent them, the poll time (so the next one waits a poll interval),
    /// and the source's health. Saved with the caller's token, so a source given up on is still recorded.
    /// </summary>
    private async Task<FeedState> RecordPollAsync(SourceRead read, CancellationToken cancellationToken)
    {
        var state = (read.Previous ?? new FeedState(read.Source.Id, null, null, null)) with { LastPolledAt = read.StartedAt };
        if (read.Fetched is { } fetched && (fetched.ETag is not null || fetched.LastModified is not null))
        {
            state = state with { ETag = fetched.ETag, LastModified = fetched.LastModified };
        }

        state = read.Result.Failed
            ? state with { ConsecutiveFailures = state.ConsecutiveFailures + 1, LastError = read.Result.Error }
            : state with
            {
                LastSuccessAt = read.StartedAt,
                ConsecutiveFailures = 0,
                LastError = null,
                ItemsLastRead = read.Result.NotModified ? state.ItemsLastRead : read.Result.ItemsRead,
            };
        await feedStates.SaveAsync(state, cancellationToken);
        return state;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "source {SourceId}: its poll could not be stored; the next run reads it again")]
    private partial void LogSourceNotStored(Exception exception, string sourceId);

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
