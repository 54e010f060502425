using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Core.Pipeline;

/// <summary>What the pipeline did: each source's poll (in config order), and the articles an earlier run had left.</summary>
public sealed record PipelineResult(IReadOnlyList<IngestResult> Sources, int LeftOver, int Alerts, IReadOnlyList<string> Warnings);

/// <summary>
/// Ingests every source and matches its new articles with every core, as the CLI runs it: three stages joined by
/// bounded channels. Readers fetch, parse and de-duplicate a few sources at a time; one worker per core analyses and
/// matches articles; one writer stores each source's poll in one unit of work: its new articles (analysed and marked
/// matched), their fingerprints, alerts and feed entries, and the source's feed state. Articles an earlier run stored
/// but did not match go first, through the same workers, and are written in batches.
/// </summary>
/// <remarks>
/// <para>
/// A unit of work is one transaction, so a run stopped anywhere leaves each poll stored whole or not at all (its feed
/// state included: the next run reads the source again). An article whose analysis or matching throws is stored
/// unmatched, with a warning, for the next run's sweep; a poll that cannot be stored is that source's failure, and the
/// others go on.
/// </para>
/// <para>
/// The bounded channels keep memory flat: readers wait when the workers are behind, workers when the writer is.
/// Every alert of a run is created at the run's time and pending alerts are read in (time, article id) order, so the
/// order of a subscriber's alerts does not depend on which worker finished first.
/// </para>
/// </remarks>
public sealed partial class IngestPipeline(
    IngestService ingest,
    Deduplicator deduplicator,
    IArticleStore articles,
    ArticleProcessor processor,
    IUnitOfWork unitOfWork,
    IOptions<FeedFetchOptions> fetchOptions,
    StageTimings timings,
    TimeProvider time,
    ILogger<IngestPipeline> logger)
{
    /// <summary>Left-over articles per unit.</summary>
    private const int SweepBatch = 100;

    /// <summary>Articles the writer gathers into one unit of work, when that many are waiting.</summary>
    private const int ArticlesPerCommit = 1000;

    /// <summary>Processed polls waiting for the writer: enough to fill a commit from feeds of 20 items or more.</summary>
    private const int StoreQueue = 64;

    /// <summary>How long the writer waits for more polls to fill a commit.</summary>
    private static readonly TimeSpan GatherWait = TimeSpan.FromMilliseconds(200);

    private static readonly int Workers = Environment.ProcessorCount;

    /// <summary>Runs the pipeline; with <paramref name="dueOnly"/>, sources whose poll interval has not passed are not read.</summary>
    public async Task<PipelineResult> RunAsync(NewsAlertsConfig config, bool dueOnly, IProgress<IngestResult>? progress, CancellationToken cancellationToken)
    {
        var run = new Run(config, time.GetUtcNow(), dueOnly, progress);
        var toMatch = Channel.CreateBounded<(Unit Unit, int Index)>(new BoundedChannelOptions(Workers * 64) { SingleWriter = false });
        var toStore = Channel.CreateBounded<Unit>(new BoundedChannelOptions(StoreQueue) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => MatchAsync(run, toMatch.Reader, toStore.Writer, stop.Token), stop.Token)).ToList();
        var writer = Task.Run(() => StoreAsync(run, toStore.Reader, stop.Token), stop.Token);
        try
        {
            await QueueLeftOversAsync(run, toMatch.Writer, toStore.Writer, stop.Token);
            await ReadSourcesAsync(run, toMatch.Writer, toStore.Writer, stop.Token);
        }
        catch
        {
            await stop.CancelAsync(); // the other stages end too, and this failure is the run's
            throw;
        }
        finally
        {
            toMatch.Writer.TryComplete();
            await Task.WhenAll(workers).ContinueWith(t => toStore.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        }

        await Task.WhenAll(workers);
        await writer;
        return new PipelineResult([.. run.Results.OrderBy(r => r.Key).Select(r => r.Value)], run.LeftOver, run.Alerts, run.Warnings);
    }

    /// <summary>Articles stored but not matched (a run stopped before matching them), in units of <see cref="SweepBatch"/>.</summary>
    private async Task QueueLeftOversAsync(Run run, ChannelWriter<(Unit, int)> toMatch, ChannelWriter<Unit> toStore, CancellationToken cancellationToken)
    {
        var leftOver = await articles.GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, cancellationToken);
        run.LeftOver = leftOver.Count;
        foreach (var batch in leftOver.Chunk(SweepBatch))
        {
            IReadOnlyDictionary<string, Article> stored;
            using (timings.Measure("sweep-read"))
            {
                stored = await articles.GetManyAsync([.. batch.Select(a => a.Id)], cancellationToken);
            }

            // An id without an article is a marker whose article was never stored: the unit marks it matched.
            await QueueAsync(new Unit(null, [.. stored.Values], [.. batch.Select(a => a.Id).Where(id => !stored.ContainsKey(id))]), toMatch, toStore, cancellationToken);
        }
    }

    /// <summary>The readers: a few sources at a time, each within its budget; what they find goes to the workers.</summary>
    private async Task ReadSourcesAsync(Run run, ChannelWriter<(Unit, int)> toMatch, ChannelWriter<Unit> toStore, CancellationToken cancellationToken)
    {
        var sources = run.Config.Sources.Select((source, index) => (Source: source, Index: index)).Where(s => s.Source.Enabled).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetchOptions.Value.MaxParallelSources, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(sources, parallel, async (source, ct) =>
        {
            SourceRead read;
            using (timings.Measure("read"))
            {
                read = await ingest.ReadAsync(source.Source, fetchOptions.Value.SourceBudget, run.DueOnly, ct);
            }

            await QueueAsync(new Unit(read, read.Fresh, []) { Position = source.Index }, toMatch, toStore, ct);
        });
    }

    private static async Task QueueAsync(Unit unit, ChannelWriter<(Unit, int)> toMatch, ChannelWriter<Unit> toStore, CancellationToken cancellationToken)
    {
        if (unit.Articles.Count == 0)
        {
            await toStore.WriteAsync(unit, cancellationToken);
            return;
        }

        for (var i = 0; i < unit.Articles.Count; i++)
        {
            await toMatch.WriteAsync((unit, i), cancellationToken);
        }
    }

    /// <summary>A worker: analyses and matches one article after another; the last article of a unit sends it to the writer.</summary>
    private async Task MatchAsync(Run run, ChannelReader<(Unit Unit, int Index)> toMatch, ChannelWriter<Unit> toStore, CancellationToken cancellationToken)
    {
        await foreach (var (unit, index) in toMatch.ReadAllAsync(cancellationToken))
        {
            var article = unit.Articles[index];
            try
            {
                using (timings.Measure("analyse+match"))
                {
                    unit.Processed[index] = await processor.AnalyseAndMatchAsync(article, run.Config, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMatchFailed(ex, article.Id);
                run.Warn($"article {article.Id} not matched ({ex.Message}); the next run tries again");
            }

            if (unit.Done())
            {
                await toStore.WriteAsync(unit, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The writer: stores units in the order they are done, as many as are waiting (up to <see cref="ArticlesPerCommit"/>
    /// articles) in one unit of work: a commit rewrites every index page its rows touch, so fewer, larger commits write
    /// far fewer bytes. Should that unit of work fail, each unit is tried alone, so one bad poll costs only itself.
    /// </summary>
    private async Task StoreAsync(Run run, ChannelReader<Unit> toStore, CancellationToken cancellationToken)
    {
        while (await toStore.WaitToReadAsync(cancellationToken))
        {
            var group = await GatherAsync(toStore, cancellationToken);
            using (timings.Measure("store"))
            {
                if (!await TryStoreAsync(run, group, reportFailure: group.Count == 1, cancellationToken))
                {
                    foreach (var unit in group)
                    {
                        await TryStoreAsync(run, [unit], reportFailure: true, cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Takes units until they hold <see cref="ArticlesPerCommit"/> articles, the workers are done, or none came for
    /// <see cref="GatherWait"/>. Ids are hashes, so each commit rewrites index pages all over the id indexes: taking
    /// only what happens to be waiting made commits of one or two polls and several times the bytes written.
    /// </summary>
    private async Task<List<Unit>> GatherAsync(ChannelReader<Unit> toStore, CancellationToken cancellationToken)
    {
        var group = new List<Unit>();
        for (var count = 0; count < ArticlesPerCommit;)
        {
            if (toStore.TryRead(out var unit))
            {
                group.Add(unit);
                count += unit.Articles.Count;
                continue;
            }

            using var wait = new CancellationTokenSource(GatherWait, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
            try
            {
                if (!await toStore.WaitToReadAsync(either.Token))
                {
                    break; // the workers are done
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break; // a slow source: store what is here rather than hold it
            }
        }

        return group;
    }

    /// <summary>Stores the units in one unit of work; false, with nothing stored, when that failed.</summary>
    private async Task<bool> TryStoreAsync(Run run, IReadOnlyList<Unit> units, bool reportFailure, CancellationToken cancellationToken)
    {
        var reports = new List<(int Position, IngestResult Result)>();
        try
        {
            int alerts;
            await using (var work = await unitOfWork.BeginAsync(cancellationToken))
            {
                var matched = new List<ProcessedArticle>();
                foreach (var unit in units)
                {
                    matched.AddRange(unit.Read is { } read ? await StorePollAsync(run, unit, read, reports, cancellationToken) : await StoreLeftOversAsync(run, unit, cancellationToken));
                }

                alerts = await processor.RecordAllAsync(matched, run.Config, run.At, cancellationToken);
                await work.CommitAsync(cancellationToken);
            }

            run.Alerts += alerts;
            reports.ForEach(r => run.Report(r.Position, r.Result)); // only once committed
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            deduplicator.Forget(); // the rolled-back unit may have appended fingerprints the in-memory window took in
            if (!reportFailure)
            {
                LogStoreFailed(ex, $"{units.Count} polls stored together; storing each alone");
                return false;
            }

            var unit = units[0];
            if (unit.Read is { } lost)
            {
                // Its feed state was not saved either, so the next run reads the source again.
                LogStoreFailed(ex, $"{lost.Source.Id}: its poll was not stored");
                run.Report(unit.Position, lost.Result with { NewArticleIds = [], Error = $"not stored ({ex.Message}); the next run reads it again" });
            }
            else
            {
                LogStoreFailed(ex, "articles of an earlier run were not matched");
                run.Warn($"articles of an earlier run were not matched ({ex.Message}); the next run tries again");
            }

            return false;
        }
    }

    /// <summary>
    /// A source's poll: its articles (matched ones marked so), fingerprints and feed state; returns the matched ones,
    /// in the cluster de-duplication settled on, whose alerts the caller records in the same unit of work.
    /// </summary>
    private async Task<List<ProcessedArticle>> StorePollAsync(Run run, Unit unit, SourceRead read, List<(int, IngestResult)> reports, CancellationToken cancellationToken)
    {
        var fresh = unit.Articles.Select((article, i) => unit.Processed[i]?.Article ?? article).ToList();
        var matched = unit.Processed.OfType<ProcessedArticle>().Select(p => p.Article.Id).ToHashSet(StringComparer.Ordinal);
        var stored = await ingest.StoreAsync(read, fresh, matched, run.At, unitOfWork.IsAtomic, cancellationToken);
        reports.Add((unit.Position, stored.Result));
        return [.. unit.Processed.OfType<ProcessedArticle>().Select(p =>
            p with { Article = p.Article with { ClusterId = stored.Clusters.GetValueOrDefault(p.Article.Id, p.Article.ClusterId!) } })];
    }

    /// <summary>Left-over articles: the analysis made now and the progress marker; returns the matched ones, whose alerts the caller records.</summary>
    private async Task<List<ProcessedArticle>> StoreLeftOversAsync(Run run, Unit unit, CancellationToken cancellationToken)
    {
        var processed = unit.Processed.OfType<ProcessedArticle>().ToList();
        foreach (var article in processed.Where(p => p.AnalysedNow).Select(p => p.Article))
        {
            await articles.UpdateAsync(article, cancellationToken);
        }

        foreach (var id in processed.Select(p => p.Article.Id).Concat(unit.Missing))
        {
            await articles.MarkMatchedAsync(id, run.At, cancellationToken); // in the unit of work of their alerts: both or neither
        }

        return processed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} could not be analysed or matched; it is stored unmatched for the next run")]
    private partial void LogMatchFailed(Exception exception, string articleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing failed, {What}")]
    private partial void LogStoreFailed(Exception exception, string what);

    /// <summary>What the stages share about one run.</summary>
    private sealed class Run(NewsAlertsConfig config, DateTimeOffset at, bool dueOnly, IProgress<IngestResult>? progress)
    {
        private readonly List<string> _warnings = [];

        public NewsAlertsConfig Config { get; } = config;

        /// <summary>When the run started: the time of its alerts and of its articles' matched marker.</summary>
        public DateTimeOffset At { get; } = at;

        public bool DueOnly { get; } = dueOnly;

        public SortedDictionary<int, IngestResult> Results { get; } = [];

        public int LeftOver { get; set; }

        /// <summary>New alerts; only the writer adds to it.</summary>
        public int Alerts { get; set; }

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public void Warn(string warning)
        {
            lock (_warnings)
            {
                _warnings.Add(warning);
            }
        }

        /// <summary>Records a source's result and tells the progress listener (from the writer only, one at a time).</summary>
        public void Report(int position, IngestResult result)
        {
            lock (Results)
            {
                Results[position] = result;
            }

            progress?.Report(result);
        }
    }

    /// <summary>
    /// What the writer stores in one unit of work: a source's poll (<see cref="Read"/>), or a batch of left-over
    /// articles; with what the workers made of each article (null where processing failed).
    /// </summary>
    private sealed class Unit(SourceRead? read, IReadOnlyList<Article> articles, IReadOnlyList<string> missing)
    {
        private int _left = articles.Count;

        public SourceRead? Read { get; } = read;

        /// <summary>The source's place in the config, so results come back in config order.</summary>
        public int Position { get; init; }

        public IReadOnlyList<Article> Articles { get; } = articles;

        /// <summary>Left-over ids whose article was never stored.</summary>
        public IReadOnlyList<string> Missing { get; } = missing;

        public ProcessedArticle?[] Processed { get; } = new ProcessedArticle?[articles.Count];

        /// <summary>Counts one article done; true for the last one.</summary>
        public bool Done() => Interlocked.Decrement(ref _left) == 0;
    }
}
