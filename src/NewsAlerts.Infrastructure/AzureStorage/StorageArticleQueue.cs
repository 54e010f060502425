using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>Queues article ids on an Azure Storage queue, Base64-encoded as the queue trigger expects.</summary>
public sealed class StorageArticleQueue(IConfiguration configuration) : IArticleQueue
{
    private readonly Lazy<QueueClient> _queue = new(() => new QueueClient(
        configuration[AppSettings.Storage],
        configuration[AppSettings.ArticlesQueueName] ?? AppSettings.DefaultArticlesQueueName,
        new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));

    public async Task EnqueueAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0)
        {
            return;
        }

        await _queue.Value.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var id in articleIds)
        {
            await _queue.Value.SendMessageAsync(id, cancellationToken);
        }
    }
}
