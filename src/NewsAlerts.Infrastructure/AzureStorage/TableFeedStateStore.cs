using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>Feed validators, poll times and health in Table storage, one row per source.</summary>
public sealed class TableFeedStateStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IFeedStateStore
{
    private const string Partition = "feeds";
    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "feedstate");

    public async Task<FeedState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(sourceId), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        // "ETag" is the entity's own concurrency property, so the feed's validator is stored as FeedETag.
        return new FeedState(sourceId, entity.GetString("FeedETag"), entity.GetDateTimeOffset("LastModified"), entity.GetDateTimeOffset("LastPolledAt"))
        {
            LastSuccessAt = entity.GetDateTimeOffset("LastSuccessAt"),
            ConsecutiveFailures = entity.GetInt32("ConsecutiveFailures") ?? 0,
            LastError = entity.GetString("LastError"),
            ItemsLastRead = entity.GetInt32("ItemsLastRead"),
        };
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition, TableKeys.Escape(state.SourceId))
        {
            ["FeedETag"] = state.ETag,
            ["LastModified"] = state.LastModified,
            ["LastPolledAt"] = state.LastPolledAt,
            ["LastSuccessAt"] = state.LastSuccessAt,
            ["ConsecutiveFailures"] = state.ConsecutiveFailures,
            ["LastError"] = state.LastError,
            ["ItemsLastRead"] = state.ItemsLastRead,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
