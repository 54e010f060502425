using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Pipeline;

/// <summary>What one pass of the pipeline did.</summary>
/// <param name="NewArticles">Articles this run stored.</param>
/// <param name="Alerts">New alerts, from this run's articles and from articles an earlier run stored but did not match.</param>
/// <param name="Warnings">Notes worth reading that did not stop anything (a feed's repaired markup...).</param>
/// <param name="Failures">Sources that could not be read and digests that could not be delivered, one each.</param>
public sealed record RunSummary(
    int ArticlesRead,
    int NewArticles,
    int Alerts,
    IReadOnlyList<DeliveryReceipt> Digests,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<RunFailure> Failures)
{
    /// <summary>Busy time per stage (<see cref="StageTimings"/>), for <c>run --timings</c>.</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];
}

/// <summary>Something a run could not do: <paramref name="What"/> names it (<c>source reuters</c>), <paramref name="Reason"/> says why.</summary>
public sealed record RunFailure(string What, string Reason)
{
    public override string ToString() => $"{What}: {Reason}";
}

/// <summary>
/// The whole pipeline in one process, as the CLI runs it: first finish what an earlier run left (articles stored but
/// not matched), then ingest every source and match each new article, send the urgent alerts waiting in the store,
/// then the digests due now (including any an earlier run stopped in the middle of). Every step's progress is durable,
/// so a run killed anywhere leaves the rest to the next run. In Azure the same services run as separate functions
/// joined by queues, and a timer sweeps for articles whose message was lost.
/// </summary>
public sealed partial class PipelineRunner(
    IngestService ingest,
    IArticleStore articles,
    ArticleProcessor processor,
    StoredUrgentAlerts urgent,
    DigestService digests,
    StageTimings timings,
    ILogger<PipelineRunner> logger)
{
    /// <summary>One line per source as it finishes, for long runs.</summary>
    private sealed class SourceProgress(IProgress<string> lines) : IProgress<IngestResult>
    {
        public void Report(IngestResult value) => lines.Report(value switch
        {
            { NotDue: true } => $"  {value.SourceId}: not due until {value.NextPollAt?.ToLocalTime():yyyy-MM-dd HH:mm}",
            { Failed: true } => $"  {value.SourceId}: failed",
            { NotModified: true } => $"  {value.SourceId}: not modified",
            _ => $"  {value.SourceId}: {value.ItemsRead} items, {value.NewArticleIds.Count} new{(value.Warnings.Count > 0 ? $", {value.Warnings.Count} warning(s)" : "")}",
        });
    }

    /// <summary>
    /// One pass. Sources whose poll interval has not passed since their last poll are skipped unless
    /// <paramref name="allSources"/>; digests due now go out either way.
    /// </summary>
    public async Task<RunSummary> RunOnceAsync(IProgress<string>? progress, CancellationToken cancellationToken, bool allSources = false)
    {
        timings.Reset();
        var warnings = new List<string>();
        var alerts = 0;
        using (timings.Measure("sweep"))
        {
            var leftOver = await articles.GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, cancellationToken);
            alerts = await MatchAsync(leftOver.Select(a => a.Id), warnings, cancellationToken);
            if (leftOver.Count > 0)
            {
                progress?.Report($"Matched {leftOver.Count} article(s) an earlier run stored but did not match");
            }
        }

        IReadOnlyList<IngestResult> ingested;
        using (timings.Measure("ingest"))
        {
            ingested = await ingest.IngestAllAsync(cancellationToken, progress is null ? null : new SourceProgress(progress), dueOnly: !allSources);
        }

        warnings.InsertRange(0, ingested.SelectMany(r => r.Warnings));
        var newIds = ingested.SelectMany(r => r.NewArticleIds).ToList();
        var polled = ingested.Count(r => !r.NotDue);
        progress?.Report($"Read {ingested.Sum(r => r.ItemsRead)} items from {polled} of {ingested.Count} sources, {newIds.Count} new");
        using (timings.Measure("process"))
        {
            alerts += await MatchAsync(newIds, warnings, cancellationToken);
        }

        List<DigestOutcome> outcomes;
        using (timings.Measure("digests"))
        {
            outcomes = [.. await digests.SendAsync(await urgent.FindWaitingAsync(cancellationToken), cancellationToken)];
            outcomes.AddRange(await digests.SendDueAsync(cancellationToken));
        }

        warnings.AddRange(outcomes.SelectMany(o => o.FailureLines())); // one line per destination that failed, with its reason
        var failures = ingested.Where(r => r.Failed).Select(r => new RunFailure($"source {r.SourceId}", r.Error!))
            .Concat(outcomes.SelectMany(o => o.Failures.Select(f => new RunFailure($"digest {o.Key.DigestId} for {o.Key.SubscriberId} ({f.Destination})", f.Error))))
            .Concat(outcomes.Where(o => o.Interrupted).Select(o => new RunFailure($"digest {o.Key.DigestId} for {o.Key.SubscriberId}", o.Detail)))
            .ToList();
        return new RunSummary(ingested.Sum(r => r.ItemsRead), newIds.Count, alerts, DigestService.Receipts(outcomes), warnings, failures)
        {
            Stages = timings.Snapshot(),
        };
    }

    /// <summary>Matches each article on its own: one that fails stays unmatched for the next run and never stops the others.</summary>
    private async Task<int> MatchAsync(IEnumerable<string> articleIds, List<string> warnings, CancellationToken cancellationToken)
    {
        var alerts = 0;
        foreach (var id in articleIds)
        {
            try
            {
                alerts += await processor.ProcessAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMatchFailed(ex, id);
                warnings.Add($"article {id} not matched ({ex.Message}); the next run tries again");
            }
        }

        return alerts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} could not be analysed or matched; it stays unmatched for the next run")]
    private partial void LogMatchFailed(Exception exception, string articleId);
}
