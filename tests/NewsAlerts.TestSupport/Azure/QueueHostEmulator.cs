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
    public int MaxDequeueCount { get; } = ReadHostSetting("maxDequeueCount");

    /// <summary>Messages fetched from a queue at once (<c>batchSize</c> of host.json).</summary>
    public static int BatchSize { get; } = ReadHostSetting("batchSize");

    /// <summary>
    /// How many messages of a fetched batch run at once: 1 (the default) runs them one after another, which keeps
    /// tests deterministic; <see cref="BatchSize"/> runs a batch as the host does.
    /// </summary>
    public int Concurrency { get; init; } = 1;

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
                var batch = (await queue.ReceiveMessagesAsync(BatchSize, TimeSpan.FromMinutes(5), cancellationToken)).Value;
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(batch, parallel, (message, ct) => new ValueTask(RunOneAsync(queue, message, function, ct)));
                ranThisRound += batch.Length;
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
            lock (Failures)
            {
                Failures.Add((queue.Name, message.Body.ToString(), ex));
            }

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

    private static int ReadHostSetting(string name)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), options);
        return host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty(name).GetInt32();
    }
}
