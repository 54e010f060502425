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

/// <summary>What storing one source's poll did: its result, and the cluster each of its fresh articles ended up in.</summary>
public sealed record StoredSource(IngestResult Result, IReadOnlyDictionary<string, string> Clusters);

/// <summary>
/// What reading one source found, before anything of it is stored: its new articles (with their clusters and any full
/// text) or, when there is nothing to store, the finished <see cref="Result"/>.
/// </summary>
public sealed class SourceRead
{
    internal SourceRead(SourceConfig source, FeedState? previous, IngestResult result, FeedFetchResult? fetched = null, DedupBatch? batch = null, IReadOnlyList<Article>? fresh = null)
    {
        Source = source;
        Previous = previous;
        Result = result;
        Fetched = fetched;
        Batch = batch;
        Fresh = fresh ?? [];
    }

    public SourceConfig Source { get; }

    /// <summary>Items read and warnings; final when nothing was parsed (not modified, failed, empty).</summary>
    public IngestResult Result { get; }

    /// <summary>The articles not seen before, in feed order, to store.</summary>
    public IReadOnlyList<Article> Fresh { get; }

    internal FeedState? Previous { get; }

    internal FeedFetchResult? Fetched { get; }

    internal DedupBatch? Batch { get; }
}

/// <summary>
/// Reads sources, normalises their items and stores the articles not seen before. <see cref="IngestAsync"/> does both
/// for one source; the CLI's pipeline calls <see cref="ReadWithinBudgetAsync"/>, matches the fresh articles, then
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
            var read = await ReadWithinBudgetAsync(sources[i], ct);
            results[i] = (await StoreAsync(read, read.Fresh, Unmatched, default, oneTransaction: false, ct)).Result;
            lock (results)
            {
                progress?.Report(results[i]); // one report at a time: console writers are not thread-safe
            }
        });
        return results;
    }

    /// <summary>Fetches one source (conditionally), parses it and stores its new articles; a failure becomes a warning.</summary>
    public async Task<IngestResult> IngestAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(source, cancellationToken);
        return (await StoreAsync(read, read.Fresh, Unmatched, default, oneTransaction: false, cancellationToken)).Result;
    }

    /// <summary><see cref="ReadAsync"/> within <see cref="FeedFetchOptions.SourceBudget"/>: a source that takes longer becomes a warning.</summary>
    public async Task<SourceRead> ReadWithinBudgetAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        var budget = fetchOptions.Value.SourceBudget;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            return await ReadAsync(source, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogSourceTimedOut(source.Id, budget);
            return new SourceRead(source, null, new IngestResult(source.Id, 0, [], [$"{source.Id}: given up after {budget.TotalSeconds:0.###} s"]));
        }
    }

    /// <summary>
    /// Fetches one source (conditionally) and parses it; decides which items are new (de-duplication, which remembers
    /// nothing yet) and adds full text where asked. Stores nothing: see <see cref="StoreAsync"/>. A failure becomes a warning.
    /// </summary>
    public async Task<SourceRead> ReadAsync(SourceConfig source, CancellationToken cancellationToken)
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
                return new SourceRead(source, previous, new IngestResult(source.Id, 0, [], [], NotModified: true));
            }

            feed = FeedParser.Parse(fetched.Body, fetched.ContentType, fetched.Location);
        }
        catch (FeedFetchException ex)
        {
            LogSourceFailed(ex, source.Id);
            return new SourceRead(source, previous, new IngestResult(source.Id, 0, [], [$"{source.Id}: {ex.Message}"]));
        }

        if (feed.IsEmpty)
        {
            LogNothingParsed(source.Id, feed.Warnings.FirstOrDefault() ?? "");
            return new SourceRead(source, previous, new IngestResult(source.Id, 0, [], [.. feed.Warnings.Select(w => $"{source.Id}: {w}")]));
        }

        var warnings = feed.Warnings.Select(w => $"{source.Id}: {w}").ToList();
        var batch = await deduplicator.ClassifyAsync(ArticleNormalizer.NormalizeAll(source, feed, time.GetUtcNow()), cancellationToken);
        var fresh = batch.Fresh.Select(d => d.Article).ToList();
        if (source.FullText)
        {
            await AddFullTextAsync(source, fresh, warnings, cancellationToken);
        }

        return new SourceRead(source, previous, new IngestResult(source.Id, feed.Items.Count, [], warnings), fetched, batch, fresh);
    }

    private static readonly IReadOnlySet<string> Unmatched = new HashSet<string>();

    /// <summary>
    /// Stores what <paramref name="read"/> found: <paramref name="fresh"/> (its fresh articles, in order, perhaps analysed
    /// since; those in <paramref name="matched"/> marked matched at <paramref name="matchedAt"/>) and their fingerprints,
    /// then the source's feed state. The result lists the new ids; <see cref="StoredSource.Clusters"/> the cluster each
    /// fresh article ended up in (another process may have remembered a copy first).
    /// </summary>
    /// <param name="oneTransaction">
    /// True when the caller's unit of work makes all of it one transaction: the fingerprints are remembered first and
    /// the articles stored with the clusters settled. Otherwise the articles are stored first and only then remembered,
    /// so an article is never counted as seen without being stored, and one whose cluster changed is moved.
    /// </param>
    public async Task<StoredSource> StoreAsync(
        SourceRead read, IReadOnlyList<Article> fresh, IReadOnlySet<string> matched, DateTimeOffset matchedAt, bool oneTransaction, CancellationToken cancellationToken)
    {
        var (source, fetched, previous) = (read.Source, read.Fetched, read.Previous);
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
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

            LogIngested(source.Id, read.Result.ItemsRead, newIds.Count, batch.Decisions.Count - fresh.Count);
        }

        if (fetched is not null && (fetched.ETag is not null || fetched.LastModified is not null || previous is not null))
        {
            await feedStates.SaveAsync(new FeedState(source.Id, fetched.ETag, fetched.LastModified, previous?.LastPolledAt), cancellationToken);
        }

        return new StoredSource(read.Result with { NewArticleIds = newIds }, clusters);
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
