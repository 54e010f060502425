using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Infrastructure.AzureStorage;

namespace NewsAlerts.Functions;

/// <summary>On a timer: logs and records as a metric how many messages wait in each poison queue.</summary>
public sealed class CheckPoisonQueuesFunction(PoisonQueues poison)
{
    [Function("CheckPoisonQueues")]
    public Task RunAsync([TimerTrigger("%PoisonCheckSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        poison.ReportAsync(cancellationToken);
}
