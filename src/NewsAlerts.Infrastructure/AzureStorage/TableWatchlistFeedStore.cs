using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// Watchlist feed entries in Table storage: partition = watchlist, row = inverted match time + article, so the rows
/// come back newest first and the latest N are one query that stops after N rows. The key is fixed by the article's
/// ingestion time, so processing an article again hits the same row.
/// </summary>
public sealed class TableWatchlistFeedStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IWatchlistFeedStore
{
    private const int BatchLimit = 100;

    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "feeds");

    public async Task AddAsync(IReadOnlyList<WatchlistFeedEntry> entries, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        foreach (var entry in entries)
        {
            try
            {
                await table.AddEntityAsync(ToEntity(entry), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Recorded before: the article was processed again.
            }
        }
    }

    public async Task<IReadOnlyList<WatchlistFeedEntry>> GetLatestAsync(string watchlistId, int count, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entries = new List<WatchlistFeedEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(Partition(watchlistId), maxPerPage: count, cancellationToken: cancellationToken))
        {
            entries.Add(ToEntry(entity));
            if (entries.Count == count)
            {
                break;
            }
        }

        return entries;
    }

    public async Task<int> CountAsync(string watchlistId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(Partition(watchlistId), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    public async Task<int> TrimAsync(string watchlistId, int keep, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var old = new List<TableEntity>();
        var seen = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(Partition(watchlistId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (++seen > keep)
            {
                old.Add(entity);
            }
        }

        foreach (var chunk in old.Chunk(BatchLimit))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }

        return old.Count;
    }

    private static string Partition(string watchlistId) => TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(watchlistId)}");

    /// <summary>Newest first in key order: ticks counted down from the maximum, zero-padded to a fixed width.</summary>
    private static string RowKey(WatchlistFeedEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - entry.MatchedAt.UtcTicks:D19}_{TableKeys.Escape(entry.ArticleId)}");

    private static TableEntity ToEntity(WatchlistFeedEntry entry) => new(TableKeys.Escape(entry.WatchlistId), RowKey(entry))
    {
        ["ArticleId"] = entry.ArticleId,
        ["Title"] = entry.Title,
        ["Link"] = entry.Link,
        ["PublishedAt"] = entry.PublishedAt,
        ["SourceId"] = entry.SourceId,
        ["Score"] = entry.Score,
        ["Why"] = entry.Why,
        ["MatchedAt"] = entry.MatchedAt,
    };

    private static WatchlistFeedEntry ToEntry(TableEntity entity) => new(
        TableKeys.Unescape(entity.PartitionKey),
        entity.GetString("ArticleId") ?? "",
        entity.GetString("Title") ?? "",
        entity.GetString("Link"),
        entity.GetDateTimeOffset("PublishedAt"),
        entity.GetString("SourceId") ?? "",
        entity.GetDouble("Score") ?? 0,
        entity.GetString("Why") ?? "",
        entity.GetDateTimeOffset("MatchedAt") ?? default);
}
