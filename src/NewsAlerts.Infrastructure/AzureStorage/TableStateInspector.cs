using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Status;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>Answers <c>newsalerts status</c> from the Azure app's Tables and Blobs; reads only, fetching just the columns it needs.</summary>
public sealed class TableStateInspector(StorageClients clients, IOptions<AzureStorageOptions> options) : IStateInspector
{
    private readonly Created<TableClient> _ledger = StorageResources.Table(clients, options.Value.TablePrefix + "ledger");
    private readonly Created<TableClient> _alerts = StorageResources.Table(clients, options.Value.TablePrefix + "alerts");
    private readonly Created<BlobContainerClient> _articles = StorageResources.Container(clients, options.Value.ArticlesContainer);

    public async Task<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(CancellationToken cancellationToken)
    {
        var table = await _ledger.GetAsync(cancellationToken);
        var records = new List<DeliveryRecord>();
        // The ledger's own mapping; only the fields status shows are read (the others come back empty).
        await foreach (var entity in table.QueryAsync<TableEntity>(
            select: ["PartitionKey", "RowKey", "Period", "State", "Attempts", "Error", "CreatedAt", "UpdatedAt"],
            cancellationToken: cancellationToken))
        {
            records.Add(TableDeliveryLedger.ToRecord(entity));
        }

        return records;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountPendingAlertsAsync(CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DigestId eq {""}"), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            var subscriber = TableKeys.Unescape(entity.PartitionKey);
            counts[subscriber] = counts.GetValueOrDefault(subscriber) + 1;
        }

        return counts;
    }

    public async Task<StateSize> GetSizeAsync(CancellationToken cancellationToken)
    {
        var container = await _articles.GetAsync(cancellationToken);
        var (articles, bytes) = (0, 0L);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            articles++;
            bytes += blob.Properties.ContentLength ?? 0;
        }

        var alerts = await CountAsync(await _alerts.GetAsync(cancellationToken), cancellationToken);
        var deliveries = await CountAsync(await _ledger.GetAsync(cancellationToken), cancellationToken);
        return new StateSize($"{container.Uri.GetLeftPart(UriPartial.Authority)} (tables {options.Value.TablePrefix}*)", bytes, articles, alerts, deliveries);
    }

    private static async Task<int> CountAsync(TableClient table, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}
