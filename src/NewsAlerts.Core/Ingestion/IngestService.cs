using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Ingestion;

/// <summary>What one source yielded in one poll.</summary>
public sealed record IngestResult(string SourceId, int ItemsRead, IReadOnlyList<string> NewArticleIds, IReadOnlyList<string> Warnings);

/// <summary>Reads sources, normalises their items and stores the articles not seen before.</summary>
public sealed partial class IngestService(
    IFeedFetcher fetcher,
    IArticleStore articles,
    IConfigProvider configProvider,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    /// <summary>Ingests every enabled source; a failing source becomes a warning and never stops the others.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAllAsync(CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var results = new List<IngestResult>();
        foreach (var source in config.Sources.Where(s => s.Enabled))
        {
            results.Add(await IngestAsync(source, cancellationToken));
        }

        return results;
    }

    public async Task<IngestResult> IngestAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        ParsedFeed feed;
        try
        {
            var document = await fetcher.FetchAsync(source, cancellationToken);
            using var stream = new MemoryStream(document, writable: false);
            feed = RssParser.Parse(stream);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or FormatException or System.Xml.XmlException)
        {
            LogSourceFailed(ex, source.Id);
            return new IngestResult(source.Id, 0, [], [$"{source.Id}: {ex.Message}"]);
        }

        var now = time.GetUtcNow();
        var newIds = new List<string>();
        foreach (var item in feed.Items)
        {
            var article = ArticleNormalizer.Normalize(source, item, now);
            if (await articles.TryAddAsync(article, cancellationToken))
            {
                newIds.Add(article.Id);
            }
        }

        LogIngested(source.Id, feed.Items.Count, newIds.Count);
        return new IngestResult(source.Id, feed.Items.Count, newIds, feed.Warnings);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} could not be read")]
    private partial void LogSourceFailed(Exception exception, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {SourceId} with {ItemCount} items, {NewCount} new")]
    private partial void LogIngested(string sourceId, int itemCount, int newCount);
}
