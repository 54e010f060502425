using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Functions;

/// <summary>On a timer: reads every source and queues each new article for processing.</summary>
public sealed class IngestFeedsFunction(IngestService ingest, IArticleQueue queue)
{
    [Function("IngestFeeds")]
    public async Task RunAsync([TimerTrigger("%IngestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var results = await ingest.IngestAllAsync(cancellationToken);
        await queue.EnqueueAsync(results.SelectMany(r => r.NewArticleIds).ToList(), cancellationToken);
    }
}
