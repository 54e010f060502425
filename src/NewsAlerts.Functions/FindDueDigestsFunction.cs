using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Functions;

/// <summary>On a timer: queues one message per digest due by its subscriber's schedule.</summary>
public sealed class FindDueDigestsFunction(DigestDispatch dispatch)
{
    [Function("FindDueDigests")]
    public Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatch.EnqueueDueAsync(cancellationToken);
}
