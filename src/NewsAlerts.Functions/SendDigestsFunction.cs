using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Functions;

/// <summary>On a timer: sends every digest that is due by its subscriber's schedule.</summary>
public sealed class SendDigestsFunction(DigestService digests)
{
    [Function("SendDigests")]
    public Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digests.SendDueAsync(cancellationToken);
}
