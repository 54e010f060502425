using Azure;
using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>A queue's poison queue and how many messages wait there.</summary>
public sealed record PoisonCount(string Queue, string PoisonQueue, int Messages);

/// <summary>
/// What operators do with poison messages: see how many wait (a log and a metric per queue) and move them back to
/// their queue once the cause is fixed. The Functions host moves a message to <c>&lt;queue&gt;-poison</c> after
/// <c>maxDequeueCount</c> failed tries.
/// </summary>
public sealed partial class PoisonQueues(StorageClients clients, QueueNames names, ILogger<PoisonQueues> logger)
{
    /// <summary>How long a message being moved stays hidden; a crash mid-move leaves it in the poison queue, never lost.</summary>
    private static readonly TimeSpan MoveVisibility = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<PoisonCount>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new List<PoisonCount>();
        foreach (var queue in names.All)
        {
            var poison = QueueNames.PoisonOf(queue);
            try
            {
                var properties = await clients.Queue(poison).GetPropertiesAsync(cancellationToken);
                counts.Add(new PoisonCount(queue, poison, properties.Value.ApproximateMessagesCount));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                counts.Add(new PoisonCount(queue, poison, 0));
            }
        }

        return counts;
    }

    /// <summary>Counts every poison queue, logs a warning for each that is not empty and records the counts as a metric.</summary>
    public async Task<IReadOnlyList<PoisonCount>> ReportAsync(CancellationToken cancellationToken)
    {
        var counts = await CountAsync(cancellationToken);
        foreach (var count in counts)
        {
            NewsAlertsMetrics.PoisonMessages.Record(count.Messages, new KeyValuePair<string, object?>("queue", count.Queue));
            if (count.Messages > 0)
            {
                LogPoison(count.PoisonQueue, count.Messages, count.Queue);
            }
        }

        return counts;
    }

    /// <summary>Moves up to <paramref name="max"/> messages of <paramref name="queue"/>'s poison queue back to it; returns how many moved.</summary>
    public async Task<int> RequeueAsync(string queue, int max, CancellationToken cancellationToken)
    {
        if (!names.All.Contains(queue, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{queue}' is not a NewsAlerts queue; expected one of: {string.Join(", ", names.All)}", nameof(queue));
        }

        var poison = clients.Queue(QueueNames.PoisonOf(queue));
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var target = clients.Queue(queue);
        await target.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var moved = 0;
        while (moved < max)
        {
            var batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - moved), MoveVisibility, cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
        }

        LogRequeued(moved, queue);
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{PoisonQueue} holds {MessageCount} messages that failed on {Queue}; fix the cause, then run `newsalerts poison requeue`")]
    private partial void LogPoison(string poisonQueue, int messageCount, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Requeued {MessageCount} poison messages to {Queue}")]
    private partial void LogRequeued(int messageCount, string queue);
}
