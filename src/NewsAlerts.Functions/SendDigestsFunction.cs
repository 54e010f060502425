using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Functions;

/// <summary>On a timer: sends each subscriber a digest of what matched since the last one.</summary>
public sealed class SendDigestsFunction(DigestService digests)
{
    [Function("SendDigests")]
    public Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digests.SendPendingAsync(cancellationToken);
}
