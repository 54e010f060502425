using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Matching;
using NewsAlerts.Infrastructure.Sqlite;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// Alerts in Table storage: partition = subscriber, row = article, so "once per (subscriber, article)" is the key
/// itself. A claim is an ETag-conditional update per alert: two digests racing for one alert, one of them wins.
/// </summary>
public sealed class TableAlertStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IAlertStore
{
    private const string NoDigest = "";
    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "alerts");

    public async Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var added = 0;
        foreach (var alert in alerts)
        {
            try
            {
                await table.AddEntityAsync(ToEntity(alert), cancellationToken);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Recorded before: an alert is added once, whatever its digest state.
            }
        }

        return added;
    }

    public async Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken) =>
        Ordered(await QueryAsync(subscriberId, NoDigest, cancellationToken)).Select(e => ToAlert(e)).ToList();

    public async Task<IReadOnlyList<Alert>> ClaimAsync(string subscriberId, string digestId, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var pending = await QueryAsync(subscriberId, NoDigest, cancellationToken);
        foreach (var entity in pending.Where(e => articleIds is null || articleIds.Contains(e.RowKey)))
        {
            entity["DigestId"] = digestId;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another digest claimed it first.
            }
        }

        return Ordered(await QueryAsync(subscriberId, digestId, cancellationToken)).Select(e => ToAlert(e)).ToList();
    }

    public async Task ReleaseAsync(string subscriberId, string digestId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        foreach (var entity in await QueryAsync(subscriberId, digestId, cancellationToken))
        {
            if (keep.Contains(entity.RowKey))
            {
                continue;
            }

            entity["DigestId"] = NoDigest;
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlySet<string>> GetClustersHeldElsewhereAsync(string subscriberId, string digestId, IReadOnlyCollection<string> clusterIds, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = TableKeys.Escape(subscriberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and DigestId ne {NoDigest} and DigestId ne {digestId}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["ClusterId"], cancellationToken: cancellationToken))
        {
            if (entity.GetString("ClusterId") is { Length: > 0 } cluster && clusterIds.Contains(cluster))
            {
                seen.Add(cluster);
            }
        }

        return seen;
    }

    private async Task<List<TableEntity>> QueryAsync(string subscriberId, string digestId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = TableKeys.Escape(subscriberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and DigestId eq {digestId}");
        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }

        return entities;
    }

    private static IEnumerable<TableEntity> Ordered(IEnumerable<TableEntity> entities) =>
        entities.OrderBy(e => e.GetDateTimeOffset("CreatedAt")).ThenBy(e => e.RowKey, StringComparer.Ordinal);

    private static TableEntity ToEntity(Alert alert) => new(TableKeys.Escape(alert.SubscriberId), alert.ArticleId)
    {
        ["Matches"] = JsonSerializer.Serialize(alert.Matches, StoreJson.Options),
        ["CreatedAt"] = alert.CreatedAt,
        ["DigestId"] = alert.DigestId ?? NoDigest,
        ["ClusterId"] = alert.ClusterId ?? "",
    };

    private static Alert ToAlert(TableEntity entity) => new(
        TableKeys.Unescape(entity.PartitionKey),
        entity.RowKey,
        JsonSerializer.Deserialize<List<WatchlistMatch>>(entity.GetString("Matches"), StoreJson.Options) ?? [],
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetString("DigestId") is { Length: > 0 } digest ? digest : null,
        entity.GetString("ClusterId") is { Length: > 0 } cluster ? cluster : null);
}
