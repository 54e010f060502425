using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Functions;

/// <summary>On a timer: queues one message per source whose poll interval has passed.</summary>
public sealed class FindDueSourcesFunction(SourcePolling polling)
{
    [Function("FindDueSources")]
    public Task RunAsync([TimerTrigger("%IngestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        polling.EnqueueDueAsync(cancellationToken);
}
