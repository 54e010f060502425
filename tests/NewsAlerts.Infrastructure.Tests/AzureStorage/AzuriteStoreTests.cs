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
    protected override IDeduplicationStore CreateStore()
    {
        var (clients, options) = AzuriteStores.For(azurite);
        return new TableDeduplicationStore(clients, options);
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
