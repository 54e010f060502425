using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Functions;

/// <summary>For each queued urgent alert: send it at once, on its own queue so it never waits behind digests.</summary>
public sealed class SendUrgentAlertFunction(DigestDispatch dispatch)
{
    [Function("SendUrgentAlert")]
    public Task RunAsync([QueueTrigger("%UrgentQueueName%")] string alert, CancellationToken cancellationToken) =>
        dispatch.SendAsync(alert, cancellationToken);
}
