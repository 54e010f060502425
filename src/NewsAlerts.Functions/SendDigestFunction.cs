using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Functions;

/// <summary>For each queued digest: send it, at most once.</summary>
public sealed class SendDigestFunction(DigestDispatch dispatch)
{
    [Function("SendDigest")]
    public Task RunAsync([QueueTrigger("%DigestsQueueName%")] string digest, CancellationToken cancellationToken) =>
        dispatch.SendAsync(digest, cancellationToken);
}
