using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Sqlite;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>The delivery ledger in Table storage; the record's version is the entity's ETag, so compare-and-set is an If-Match update.</summary>
public sealed class TableDeliveryLedger(StorageClients clients, IOptions<AzureStorageOptions> options) : IDeliveryLedger
{
    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "ledger");

    public async Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(initial), cancellationToken);
            return initial with { Version = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetAsync(initial.SubscriberId, initial.DigestId, cancellationToken)
                ?? throw new InvalidOperationException($"Digest {initial.DigestId} exists and vanished at once");
        }
    }

    public async Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(subscriberId), digestId, cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    public async Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var (pending, sending) = (nameof(DeliveryState.Pending), nameof(DeliveryState.Sending));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(subscriberId)} and (State eq {pending} or State eq {sending})");
        var records = new List<DeliveryRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(ToRecord(entity));
        }

        return records;
    }

    public async Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), new ETag(record.Version), TableUpdateMode.Replace, cancellationToken);
            return record with { Version = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(DeliveryRecord record) => new(TableKeys.Escape(record.SubscriberId), record.DigestId)
    {
        ["Period"] = record.Period,
        ["State"] = record.State.ToString(),
        ["ArticleIds"] = JsonSerializer.Serialize(record.ArticleIds, StoreJson.Options),
        ["Attempts"] = record.Attempts,
        ["Provider"] = record.Provider,
        ["Locations"] = JsonSerializer.Serialize(record.Locations, StoreJson.Options),
        ["Error"] = record.Error,
        ["Destinations"] = JsonSerializer.Serialize(record.Destinations, StoreJson.Options),
        ["CreatedAt"] = record.CreatedAt,
        ["UpdatedAt"] = record.UpdatedAt,
    };

    internal static DeliveryRecord ToRecord(TableEntity entity) => new()
    {
        DigestId = entity.RowKey,
        SubscriberId = TableKeys.Unescape(entity.PartitionKey),
        Period = entity.GetString("Period") ?? "",
        State = Enum.Parse<DeliveryState>(entity.GetString("State") ?? nameof(DeliveryState.Pending)),
        ArticleIds = JsonSerializer.Deserialize<List<string>>(entity.GetString("ArticleIds") ?? "[]", StoreJson.Options) ?? [],
        Attempts = entity.GetInt32("Attempts") ?? 0,
        Provider = entity.GetString("Provider"),
        Locations = JsonSerializer.Deserialize<List<string>>(entity.GetString("Locations") ?? "[]", StoreJson.Options) ?? [],
        Error = entity.GetString("Error"),
        Destinations = JsonSerializer.Deserialize<List<DestinationRecord>>(entity.GetString("Destinations") ?? "[]", StoreJson.Options) ?? [],
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? default,
        Version = entity.ETag.ToString(),
    };
}
