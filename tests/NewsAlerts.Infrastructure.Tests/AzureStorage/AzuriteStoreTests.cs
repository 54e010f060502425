using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.Infrastructure.Tests.Contracts;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Infrastructure.Tests.AzureStorage;

/// <summary>Each test gets its own tables and containers in the shared Azurite.</summary>
internal static class AzuriteStores
{
    public static (StorageClients Clients, IOptions<AzureStorageOptions> Options) For(AzuriteFixture azurite) =>
        (StorageClients.ForConnectionString(azurite.ConnectionString),
         Options.Create(new AzureStorageOptions { TablePrefix = AzuriteFixture.UniqueName("t"), ArticlesContainer = AzuriteFixture.UniqueName("articles-") }));
}

[Collection(AzuriteFixture.Collection)]
public sealed class BlobArticleStoreTests(AzuriteFixture azurite) : ArticleStoreContract
{
    protected override IArticleStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new BlobArticleStore(clients, options);
    }
}

[Collection(AzuriteFixture.Collection)]
public sealed class TableAlertStoreTests(AzuriteFixture azurite) : AlertStoreContract
{
    protected override IAlertStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new TableAlertStore(clients, options);
    }
}

[Collection(AzuriteFixture.Collection)]
public sealed class TableDeliveryLedgerTests(AzuriteFixture azurite) : DeliveryLedgerContract
{
    protected override IDeliveryLedger CreateLedger()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new TableDeliveryLedger(clients, options);
    }
}

[Collection(AzuriteFixture.Collection)]
public sealed class TableUnsubscribeStoreTests(AzuriteFixture azurite) : UnsubscribeStoreContract
{
    protected override IUnsubscribeStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new TableUnsubscribeStore(clients, options);
    }
}

[Collection(AzuriteFixture.Collection)]
public sealed class TableFeedStateStoreTests(AzuriteFixture azurite) : FeedStateStoreContract
{
    protected override IFeedStateStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new TableFeedStateStore(clients, options);
    }
}

[Collection(AzuriteFixture.Collection)]
public sealed class TableDeduplicationStoreTests(AzuriteFixture azurite) : DeduplicationStoreContract
{
    private readonly Dictionary<IDeduplicationStore, (StorageClients Clients, IOptions<AzureStorageOptions> Options)> _opened = [];

    protected override IDeduplicationStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        var store = new TableDeduplicationStore(clients, options);
        _opened[store] = (clients, options);
        return store;
    }

    protected override IDeduplicationStore OpenAgain(IDeduplicationStore store)
    {
        var (_, options) = _opened[store];
        return new TableDeduplicationStore(StorageClients.ForConnectionString(azurite.ConnectionString), options);
    }

    [Fact]
    public async Task RowsWrittenBeforeTheLog_AreStillRead()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        var table = clients.Table(options.Value.TablePrefix + "dedup");
        await table.CreateIfNotExistsAsync();
        var seenAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("fingerprints", "a1")
        {
            ["CanonicalUrl"] = "https://example.com/a1",
            ["ContentHash"] = "hash-a1",
            ["SimHash"] = -2L,
            ["ClusterId"] = "c1",
            ["SeenAt"] = seenAt,
        });

        var loaded = await new TableDeduplicationStore(clients, options).LoadSinceAsync(seenAt.AddDays(-1), CancellationToken.None);

        Assert.Equal([new ArticleFingerprint("a1", "https://example.com/a1", "hash-a1", ulong.MaxValue - 1, "c1", seenAt)], loaded.Fingerprints);
        Assert.Equal(0, loaded.Position);
    }
}

[Collection(AzuriteFixture.Collection)]
public sealed class TableWatchlistFeedStoreTests(AzuriteFixture azurite) : WatchlistFeedStoreContract
{
    protected override Core.Feeds.IWatchlistFeedStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new TableWatchlistFeedStore(clients, options);
    }
}
