using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// The de-duplication window in Table storage: one row per article. The window is read whole at start and purged
/// by age, so a time-range filter over one partition is the access pattern (batched deletes need one partition).
/// </summary>
public sealed class TableDeduplicationStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IDeduplicationStore
{
    private const string Partition = "fingerprints";
    private const int BatchLimit = 100;
    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "dedup");

    public async IAsyncEnumerable<ArticleFingerprint> LoadSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and SeenAt ge {since}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new ArticleFingerprint(
                TableKeys.Unescape(entity.RowKey),
                entity.GetString("CanonicalUrl") ?? "",
                entity.GetString("ContentHash") ?? "",
                unchecked((ulong)(entity.GetInt64("SimHash") ?? 0)),
                entity.GetString("ClusterId") ?? "",
                entity.GetDateTimeOffset("SeenAt") ?? default);
        }
    }

    public async Task AddAsync(ArticleFingerprint fingerprint, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition, TableKeys.Escape(fingerprint.ArticleId))
        {
            ["CanonicalUrl"] = fingerprint.CanonicalUrl,
            ["ContentHash"] = fingerprint.ContentHash,
            ["SimHash"] = unchecked((long)fingerprint.SimHash),
            ["ClusterId"] = fingerprint.ClusterId,
            ["SeenAt"] = fingerprint.SeenAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and SeenAt lt {cutoff}");
        var old = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            old.Add(entity);
        }

        foreach (var chunk in old.Chunk(BatchLimit))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e)), cancellationToken);
        }

        return old.Count;
    }
}
