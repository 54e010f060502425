using System.Text.Json;
using Azure;
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
public sealed class BlobArticleStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IArticleStore
{
    private readonly Created<BlobContainerClient> _container = StorageResources.Container(clients, options.Value.ArticlesContainer);

    public async Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(article.Id, cancellationToken);
        try
        {
            await blob.UploadAsync(Serialize(article), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
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

    private async Task<BlobClient> BlobAsync(string id, CancellationToken cancellationToken) =>
        (await _container.GetAsync(cancellationToken)).GetBlobClient($"{id}.json");

    private static BinaryData Serialize(Article article) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(article, StoreJson.Options));
}
