using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;
using NewsAlerts.Infrastructure.Sqlite;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// Articles as JSON blobs (body and analysis can outgrow a table entity's 64 KB string); queue messages carry only
/// the id. "Add if new" is an If-None-Match: * upload, so two workers ingesting one item store it once.
/// </summary>
/// <remarks>
/// The progress marker is a row per unmatched article in the <c>unmatched</c> table, written before the blob and
/// deleted once the article is matched: an article is never stored without its marker, and the sweep finds every
/// article whose queue message was lost. A marker whose blob never got written (the worker stopped in between) is
/// dropped when its article turns out missing.
/// </remarks>
public sealed class BlobArticleStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IArticleStore
{
    private const string Partition = "unmatched";

    private readonly Created<BlobContainerClient> _container = StorageResources.Container(clients, options.Value.ArticlesContainer);
    private readonly Created<TableClient> _markers = StorageResources.Table(clients, options.Value.TablePrefix + "unmatched");

    public async Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken)
    {
        var markers = await _markers.GetAsync(cancellationToken);
        var marked = await TryAddMarkerAsync(markers, article, cancellationToken);
        var blob = await BlobAsync(article.Id, cancellationToken);
        try
        {
            await blob.UploadAsync(Serialize(article), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            if (marked)
            {
                // Stored before and its marker gone: it was matched then, so the marker just added is not needed.
                await DeleteMarkerAsync(markers, article.Id, cancellationToken);
            }

            return false;
        }
    }

    public async Task<Article?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(id, cancellationToken);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<Article>(StoreJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task UpdateAsync(Article article, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(article.Id, cancellationToken);
        await blob.UploadAsync(Serialize(article), overwrite: true, cancellationToken);
    }

    public async Task<IReadOnlyList<UnmatchedArticle>> GetUnmatchedAsync(DateTimeOffset waitingSince, int maxRequeues, int limit, CancellationToken cancellationToken)
    {
        var markers = await _markers.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and WaitingSince le {waitingSince} and Requeues le {maxRequeues}");
        var unmatched = new List<UnmatchedArticle>();
        await foreach (var marker in markers.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            unmatched.Add(new UnmatchedArticle(marker.RowKey, marker.GetDateTimeOffset("WaitingSince") ?? default, marker.GetInt32("Requeues") ?? 0));
        }

        // Table queries come back in key order, not by age: sort, then take the oldest.
        return unmatched.OrderBy(a => a.WaitingSince).ThenBy(a => a.Id, StringComparer.Ordinal).Take(limit).ToList();
    }

    public async Task MarkRequeuedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var markers = await _markers.GetAsync(cancellationToken);
        var found = await markers.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return; // matched meanwhile
        }

        var marker = found.Value!;
        marker["WaitingSince"] = at;
        marker["Requeues"] = (marker.GetInt32("Requeues") ?? 0) + 1;
        try
        {
            await markers.UpdateEntityAsync(marker, marker.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Matched or requeued by another worker meanwhile: its change stands.
        }
    }

    public async Task MarkMatchedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        await DeleteMarkerAsync(await _markers.GetAsync(cancellationToken), id, cancellationToken);

    private static async Task<bool> TryAddMarkerAsync(TableClient markers, Article article, CancellationToken cancellationToken)
    {
        try
        {
            await markers.AddEntityAsync(new TableEntity(Partition, article.Id) { ["WaitingSince"] = article.IngestedAt, ["Requeues"] = 0 }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // stored and not matched yet, or a marker left by a worker that stopped before the upload
        }
    }

    private static async Task DeleteMarkerAsync(TableClient markers, string id, CancellationToken cancellationToken)
    {
        try
        {
            await markers.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    private async Task<BlobClient> BlobAsync(string id, CancellationToken cancellationToken) =>
        (await _container.GetAsync(cancellationToken)).GetBlobClient($"{id}.json");

    private static BinaryData Serialize(Article article) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(article, StoreJson.Options));
}
