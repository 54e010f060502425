using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Core.Ingestion;

/// <summary>
/// Ingestion split for queues, as the Functions app runs it: a timer finds the sources whose poll interval has
/// passed (by <see cref="FeedState.LastPolledAt"/>) and queues one message per source; a queue worker ingests one
/// source and queues one small message per new article. A source queued twice is harmless: articles are added once.
/// </summary>
public sealed partial class SourcePolling(
    IConfigProvider configProvider,
    IFeedStateStore feedStates,
    ISourceQueue sources,
    IngestService ingest,
    IArticleQueue articles,
    TimeProvider time,
    ILogger<SourcePolling> logger)
{
    /// <summary>Queues every enabled source that was never polled or whose poll interval has passed; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = new List<string>();
        foreach (var source in config.Sources.Where(s => s.Enabled))
        {
            if (FeedState.IsDue(source, await feedStates.GetAsync(source.Id, cancellationToken), now))
            {
                due.Add(source.Id);
            }
        }

        await sources.EnqueueAsync(due, cancellationToken);
        LogQueued(due.Count, config.Sources.Count);
        return due;
    }

    /// <summary>Ingests one source (which records the poll and the source's health) and queues its new articles; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> IngestAsync(string sourceId, CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        if (config.FindSource(sourceId) is not { Enabled: true } source)
        {
            LogUnknownSource(sourceId);
            return [];
        }

        var result = await ingest.IngestAsync(source, cancellationToken);
        NewsAlertsMetrics.ArticlesFetched.Add(result.ItemsRead, new KeyValuePair<string, object?>("source", source.Id));
        NewsAlertsMetrics.ArticlesNew.Add(result.NewArticleIds.Count, new KeyValuePair<string, object?>("source", source.Id));
        await articles.EnqueueAsync(result.NewArticleIds, cancellationToken);
        return result.NewArticleIds;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {DueCount} of {SourceCount} sources for polling")]
    private partial void LogQueued(int dueCount, int sourceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} is not an enabled source of the config; message dropped")]
    private partial void LogUnknownSource(string sourceId);
}
