using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Alerts;

namespace NewsAlerts.Functions;

/// <summary>On a timer: queues again every article left unmatched longer than its lease (its message was lost).</summary>
public sealed class RequeueUnmatchedArticlesFunction(UnmatchedArticleSweep sweep)
{
    [Function("RequeueUnmatchedArticles")]
    public Task RunAsync([TimerTrigger("%SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RequeueAsync(cancellationToken);
}
