using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Configuration;
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
/// not matched), then ingest every source and match each new article (<see cref="IngestPipeline"/>: every core at
/// work, one writer), send the urgent alerts waiting in the store, then the digests due now (including any an earlier
/// run stopped in the middle of). Every step's progress is durable, so a run killed anywhere leaves the rest to the
/// next run. In Azure the same services run as separate functions joined by queues, and a timer sweeps for articles
/// whose message was lost.
/// </summary>
public sealed class PipelineRunner(
    IConfigProvider configProvider,
    IngestPipeline pipeline,
    StoredUrgentAlerts urgent,
    DigestService digests,
    StageTimings timings)
{
    /// <summary>One line per source as it is stored, for long runs.</summary>
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
        var config = await configProvider.GetAsync(cancellationToken); // once per run: every stage works from this one
        var ingested = await pipeline.RunAsync(config, !allSources, progress is null ? null : new SourceProgress(progress), cancellationToken);
        if (ingested.LeftOver > 0)
        {
            progress?.Report($"Matched {ingested.LeftOver} article(s) an earlier run stored but did not match");
        }

        var sources = ingested.Sources;
        var newIds = sources.Sum(r => r.NewArticleIds.Count);
        progress?.Report($"Read {sources.Sum(r => r.ItemsRead)} items from {sources.Count(r => !r.NotDue)} of {sources.Count} sources, {newIds} new");
        List<DigestOutcome> outcomes;
        using (timings.Measure("digests"))
        {
            outcomes = [.. await digests.SendAsync(await urgent.FindWaitingAsync(config, cancellationToken), cancellationToken)];
            outcomes.AddRange(await digests.SendDueAsync(cancellationToken));
        }

        var warnings = sources.SelectMany(r => r.Warnings).Concat(ingested.Warnings)
            .Concat(outcomes.SelectMany(o => o.FailureLines())) // one line per destination that failed, with its reason
            .ToList();
        var failures = sources.Where(r => r.Failed).Select(r => new RunFailure($"source {r.SourceId}", r.Error!))
            .Concat(outcomes.SelectMany(o => o.Failures.Select(f => new RunFailure($"digest {o.Key.DigestId} for {o.Key.SubscriberId} ({f.Destination})", f.Error))))
            .Concat(outcomes.Where(o => o.Interrupted).Select(o => new RunFailure($"digest {o.Key.DigestId} for {o.Key.SubscriberId}", o.Detail)))
            .ToList();
        return new RunSummary(sources.Sum(r => r.ItemsRead), newIds, ingested.Alerts, DigestService.Receipts(outcomes), warnings, failures)
        {
            Stages = timings.Snapshot(),
        };
    }
}
