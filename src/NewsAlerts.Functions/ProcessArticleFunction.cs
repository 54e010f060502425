using Microsoft.Azure.Functions.Worker;
using NewsAlerts.Core.Alerts;

namespace NewsAlerts.Functions;

/// <summary>For each queued article id: analyse, match every watchlist, record alerts.</summary>
public sealed class ProcessArticleFunction(ArticleProcessor processor)
{
    [Function("ProcessArticle")]
    public Task RunAsync([QueueTrigger("%ArticlesQueueName%")] string articleId, CancellationToken cancellationToken) =>
        processor.ProcessAsync(articleId, cancellationToken);
}
