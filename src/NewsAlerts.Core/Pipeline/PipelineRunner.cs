using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Pipeline;

/// <summary>What one pass of the pipeline did.</summary>
/// <param name="Warnings">Notes worth reading that did not stop anything (a feed's repaired markup...).</param>
/// <param name="Failures">Sources that could not be read and digests that could not be delivered, one line each.</param>
public sealed record RunSummary(
    int ArticlesRead,
    int NewArticles,
    int Alerts,
    IReadOnlyList<DeliveryReceipt> Digests,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<RunFailure> Failures);

/// <summary>Something a run could not do: <paramref name="What"/> names it (<c>source reuters</c>), <paramref name="Reason"/> says why.</summary>
public sealed record RunFailure(string What, string Reason)
{
    public override string ToString() => $"{What}: {Reason}";
}

/// <summary>
/// The whole pipeline in one process, as the CLI runs it: ingest every source, process each new article, send
/// urgent alerts at once, then the digests due now. In Azure the same three services run as separate functions joined by queues.
/// </summary>
public sealed class PipelineRunner(IngestService ingest, ArticleProcessor processor, UrgentAlertBuffer urgent, DigestService digests)
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
        var ingested = await ingest.IngestAllAsync(cancellationToken, progress is null ? null : new SourceProgress(progress), dueOnly: !allSources);
        var newIds = ingested.SelectMany(r => r.NewArticleIds).ToList();
        var polled = ingested.Count(r => !r.NotDue);
        progress?.Report($"Read {ingested.Sum(r => r.ItemsRead)} items from {polled} of {ingested.Count} sources, {newIds.Count} new");

        var alerts = 0;
        foreach (var id in newIds)
        {
            alerts += await processor.ProcessAsync(id, cancellationToken);
        }

        var outcomes = (await digests.SendAsync(urgent.Drain(), cancellationToken)).ToList();
        outcomes.AddRange(await digests.SendDueAsync(cancellationToken));
        var failures = ingested.Where(r => r.Failed).Select(r => new RunFailure($"source {r.SourceId}", r.Error!))
            .Concat(outcomes.Where(o => o.State == DeliveryState.Failed).Select(o => new RunFailure($"digest {o.Key.DigestId} for {o.Key.SubscriberId}", o.Detail)));
        return new RunSummary(
            ingested.Sum(r => r.ItemsRead),
            newIds.Count,
            alerts,
            DigestService.Receipts(outcomes),
            ingested.SelectMany(r => r.Warnings).ToList(),
            failures.ToList());
    }
}
