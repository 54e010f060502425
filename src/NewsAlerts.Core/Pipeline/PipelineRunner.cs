using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Pipeline;

/// <summary>What one pass of the pipeline did.</summary>
public sealed record RunSummary(
    int ArticlesRead,
    int NewArticles,
    int Alerts,
    IReadOnlyList<DeliveryReceipt> Digests,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The whole pipeline in one process, as the CLI runs it: ingest every source, process each new article, send
/// urgent alerts at once, then the digests due now. In Azure the same three services run as separate functions joined by queues.
/// </summary>
public sealed class PipelineRunner(IngestService ingest, ArticleProcessor processor, UrgentAlertBuffer urgent, DigestService digests)
{
    /// <summary>One line per source as it finishes, for long runs.</summary>
    private sealed class SourceProgress(IProgress<string> lines) : IProgress<IngestResult>
    {
        public void Report(IngestResult value) => lines.Report(value.NotModified
            ? $"  {value.SourceId}: not modified"
            : $"  {value.SourceId}: {value.ItemsRead} items, {value.NewArticleIds.Count} new{(value.Warnings.Count > 0 ? $", {value.Warnings.Count} warning(s)" : "")}");
    }

    public async Task<RunSummary> RunOnceAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var ingested = await ingest.IngestAllAsync(cancellationToken, progress is null ? null : new SourceProgress(progress));
        var newIds = ingested.SelectMany(r => r.NewArticleIds).ToList();
        progress?.Report($"Read {ingested.Sum(r => r.ItemsRead)} items from {ingested.Count} sources, {newIds.Count} new");

        var alerts = 0;
        foreach (var id in newIds)
        {
            alerts += await processor.ProcessAsync(id, cancellationToken);
        }

        var outcomes = (await digests.SendAsync(urgent.Drain(), cancellationToken)).ToList();
        outcomes.AddRange(await digests.SendDueAsync(cancellationToken));
        var failures = outcomes.SelectMany(o => o.FailureLines()); // one line per destination that failed
        return new RunSummary(
            ingested.Sum(r => r.ItemsRead),
            newIds.Count,
            alerts,
            DigestService.Receipts(outcomes),
            ingested.SelectMany(r => r.Warnings).Concat(failures).ToList());
    }
}
