using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Alerts;

/// <summary>When the sweep hands an unmatched article on again (section <c>NewsAlerts:Sweep</c>).</summary>
public sealed class SweepOptions
{
    public const string SectionName = "NewsAlerts:Sweep";

    /// <summary>
    /// How long a stored article may wait unmatched before the sweep decides its queue message was lost and queues it
    /// again: longer than the articles queue normally takes to drain. Default 15 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often one article is queued again before the sweep gives up on it with an error log (its messages keep
    /// failing: they are in the articles poison queue). Default 3.
    /// </summary>
    [Range(0, 100)]
    public int MaxRequeues { get; set; } = 3;

    /// <summary>Most articles queued again by one sweep; the rest wait for the next. Default 1000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// In Azure, the safety net between storing an article and matching it: a stopped ingest worker, a failed queue send
/// or a message lost in the poison queue leaves the article stored but unmatched; on a timer, every article left
/// unmatched longer than <see cref="SweepOptions.Lease"/> is queued again. Matching is idempotent, so an article queued
/// twice is matched once.
/// </summary>
public sealed partial class UnmatchedArticleSweep(
    IArticleStore articles,
    IArticleQueue queue,
    IOptions<SweepOptions> options,
    TimeProvider time,
    ILogger<UnmatchedArticleSweep> logger)
{
    /// <summary>Queues the articles left unmatched past their lease; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> RequeueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var stale = await articles.GetUnmatchedAsync(now - settings.Lease, settings.MaxRequeues, settings.BatchSize, cancellationToken);
        var requeue = stale.Where(a => a.Requeues < settings.MaxRequeues).Select(a => a.Id).ToList();
        await queue.EnqueueAsync(requeue, cancellationToken);
        foreach (var article in stale)
        {
            if (article.Requeues >= settings.MaxRequeues)
            {
                LogGivenUp(article.Id, article.Requeues);
            }

            // Also for one given up: one more requeue takes it past MaxRequeues, so it is reported once.
            await articles.MarkRequeuedAsync(article.Id, now, cancellationToken);
        }

        if (requeue.Count > 0)
        {
            LogRequeued(requeue.Count, settings.Lease);
        }

        return requeue;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued {Count} article(s) again that stayed unmatched longer than {Lease}")]
    private partial void LogRequeued(int count, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Error, Message = "Article {ArticleId} is still unmatched after being queued again {Requeues} times; it is not queued again. Its messages are in the articles poison queue: fix the cause, then requeue them with `newsalerts poison requeue`")]
    private partial void LogGivenUp(string articleId, int requeues);
}
