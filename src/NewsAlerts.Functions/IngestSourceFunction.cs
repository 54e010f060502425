using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Functions;

/// <summary>For each queued source id: fetch and parse the feed, store new articles, queue one message per new article.</summary>
public sealed class IngestSourceFunction(SourcePolling polling)
{
    [Function("IngestSource")]
    public Task RunAsync([QueueTrigger("%SourcesQueueName%")] string sourceId, CancellationToken cancellationToken) =>
        polling.IngestAsync(sourceId, cancellationToken);
}
