using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>The pipeline's queue names, from the same settings the triggers bind as <c>%Name%</c>.</summary>
public sealed class QueueNames(IConfiguration configuration)
{
    public string Sources { get; } = Read(configuration, AppSettings.SourcesQueueName, AppSettings.DefaultSourcesQueueName);

    public string Articles { get; } = Read(configuration, AppSettings.ArticlesQueueName, AppSettings.DefaultArticlesQueueName);

    public string Digests { get; } = Read(configuration, AppSettings.DigestsQueueName, AppSettings.DefaultDigestsQueueName);

    public string Urgent { get; } = Read(configuration, AppSettings.UrgentQueueName, AppSettings.DefaultUrgentQueueName);

    public IReadOnlyList<string> All => [Sources, Articles, Digests, Urgent];

    /// <summary>Where the Functions host moves a message after <c>maxDequeueCount</c> failed tries.</summary>
    public static string PoisonOf(string queue) => queue + "-poison";

    private static string Read(IConfiguration configuration, string setting, string fallback) =>
        configuration[setting] is { Length: > 0 } name ? name : fallback;
}

/// <summary>Sends small messages (ids, digest keys) to one queue, Base64-encoded as the queue trigger expects.</summary>
public sealed class StorageMessageSender(StorageClients clients, string queueName)
{
    private readonly Created<QueueClient> _queue = StorageResources.Queue(clients, queueName);

    public async Task SendAsync(IEnumerable<string> messages, CancellationToken cancellationToken)
    {
        QueueClient? queue = null;
        foreach (var message in messages)
        {
            queue ??= await _queue.GetAsync(cancellationToken);
            await queue.SendMessageAsync(message, cancellationToken);
        }
    }
}

/// <summary>Due source ids on the sources queue.</summary>
public sealed class StorageSourceQueue(StorageClients clients, QueueNames names) : ISourceQueue
{
    private readonly StorageMessageSender _sender = new(clients, names.Sources);

    public Task EnqueueAsync(IReadOnlyList<string> sourceIds, CancellationToken cancellationToken) => _sender.SendAsync(sourceIds, cancellationToken);
}

/// <summary>New article ids on the articles queue.</summary>
public sealed class StorageArticleQueue(StorageClients clients, QueueNames names) : IArticleQueue
{
    private readonly StorageMessageSender _sender = new(clients, names.Articles);

    public Task EnqueueAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken) => _sender.SendAsync(articleIds, cancellationToken);
}

/// <summary>Due digests on the digests queue.</summary>
public sealed class StorageDigestQueue(StorageClients clients, QueueNames names) : IDigestQueue
{
    private readonly StorageMessageSender _sender = new(clients, names.Digests);

    public Task EnqueueAsync(IReadOnlyList<DigestKey> digests, CancellationToken cancellationToken) =>
        _sender.SendAsync(digests.Select(DigestMessage.Serialize), cancellationToken);
}

/// <summary>Urgent alerts on their own queue, so they never wait behind scheduled digests.</summary>
public sealed class StorageUrgentAlertQueue(StorageClients clients, QueueNames names) : IUrgentAlertQueue
{
    private readonly StorageMessageSender _sender = new(clients, names.Urgent);

    public Task EnqueueAsync(IReadOnlyList<DigestKey> urgent, CancellationToken cancellationToken) =>
        _sender.SendAsync(urgent.Select(DigestMessage.Serialize), cancellationToken);
}
