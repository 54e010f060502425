using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Pipeline;

/// <summary>What one pass of the pipeline did.</summary>
/// <param name="NewArticles">Articles this run stored.</param>
/// <param name="Alerts">New alerts, from this run's articles and from articles an earlier run stored but did not match.</param>
public sealed record RunSummary(
    int ArticlesRead,
    int NewArticles,
    int Alerts,
    IReadOnlyList<DeliveryReceipt> Digests,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Busy time per stage (<see cref="StageTimings"/>), for <c>run --timings</c>.</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];
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
        public void Report(IngestResult value) => lines.Report(value.NotModified
            ? $"  {value.SourceId}: not modified"
            : $"  {value.SourceId}: {value.ItemsRead} items, {value.NewArticleIds.Count} new{(value.Warnings.Count > 0 ? $", {value.Warnings.Count} warning(s)" : "")}");
    }

    public async Task<RunSummary> RunOnceAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        timings.Reset();
        var config = await configProvider.GetAsync(cancellationToken); // once per run: every stage works from this one
        var ingested = await pipeline.RunAsync(config, progress is null ? null : new SourceProgress(progress), cancellationToken);
        if (ingested.LeftOver > 0)
        {
            progress?.Report($"Matched {ingested.LeftOver} article(s) an earlier run stored but did not match");
        }

        var newIds = ingested.Sources.Sum(r => r.NewArticleIds.Count);
        progress?.Report($"Read {ingested.Sources.Sum(r => r.ItemsRead)} items from {ingested.Sources.Count} sources, {newIds} new");
        List<DigestOutcome> outcomes;
        using (timings.Measure("digests"))
        {
            outcomes = [.. await digests.SendAsync(await urgent.FindWaitingAsync(cancellationToken), cancellationToken)];
            outcomes.AddRange(await digests.SendDueAsync(cancellationToken));
        }

        var warnings = ingested.Sources.SelectMany(r => r.Warnings).Concat(ingested.Warnings).Concat(outcomes
            .Where(o => o.State == DeliveryState.Failed)
            .Select(o => $"digest {o.Key.DigestId} for {o.Key.SubscriberId} failed: {o.Detail}"));
        return new RunSummary(ingested.Sources.Sum(r => r.ItemsRead), newIds, ingested.Alerts, DigestService.Receipts(outcomes), [.. warnings])
        {
            Stages = timings.Snapshot(),
        };
    }
}
