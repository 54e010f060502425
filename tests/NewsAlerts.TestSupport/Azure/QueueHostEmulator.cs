using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace NewsAlerts.TestSupport.Azure;

/// <summary>
/// What the Functions host does with queue triggers, for tests where no host runs: read each queue, hand every
/// message's text to its function, delete it on success; on failure make it visible again, and once it has been
/// dequeued <see cref="MaxDequeueCount"/> times move it to <c>&lt;queue&gt;-poison</c>. <c>maxDequeueCount</c> is read
/// from the repository's host.json, so the tests follow the deployed setting.
/// </summary>
public sealed class QueueHostEmulator(string connectionString, IReadOnlyDictionary<string, Func<string, CancellationToken, Task>> functions)
{
    public int MaxDequeueCount { get; } = ReadMaxDequeueCount();

    /// <summary>Every failure seen, by queue, for assertions.</summary>
    public List<(string Queue, string Message, Exception Error)> Failures { get; } = [];

    /// <summary>Runs functions until every queue is empty (messages they enqueue included); returns how many ran.</summary>
    public async Task<int> RunUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        var ran = 0;
        for (var round = 0; round < 1000; round++)
        {
            var ranThisRound = 0;
            foreach (var (queueName, function) in functions)
            {
                var queue = Client(queueName);
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                var batch = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(5), cancellationToken)).Value;
                foreach (var message in batch)
                {
                    await RunOneAsync(queue, message, function, cancellationToken);
                    ranThisRound++;
                }
            }

            if (ranThisRound == 0)
            {
                return ran;
            }

            ran += ranThisRound;
        }

        throw new InvalidOperationException("Queues did not drain after 1000 rounds");
    }

    public QueueClient Client(string queueName) =>
        new(connectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private async Task RunOneAsync(QueueClient queue, QueueMessage message, Func<string, CancellationToken, Task> function, CancellationToken cancellationToken)
    {
        try
        {
            await function(message.Body.ToString(), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failures.Add((queue.Name, message.Body.ToString(), ex));
            if (message.DequeueCount >= MaxDequeueCount)
            {
                var poison = Client(queue.Name + "-poison");
                await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                // The host waits visibilityTimeout before the retry; the emulator retries at once.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }
    }

    private static int ReadMaxDequeueCount()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), options);
        return host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
    }
}
