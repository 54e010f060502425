using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Tests.Contracts;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Infrastructure.Tests.Fakes;

// The hand-written fakes the Core tests use keep the same contracts as the real stores.
public sealed class InMemoryAlertStoreTests : AlertStoreContract
{
    protected override IAlertStore CreateStore() => new InMemoryAlertStore();
}

public sealed class InMemoryDeliveryLedgerTests : DeliveryLedgerContract
{
    protected override IDeliveryLedger CreateLedger() => new InMemoryDeliveryLedger();
}

public sealed class InMemoryUnsubscribeStoreTests : UnsubscribeStoreContract
{
    protected override IUnsubscribeStore CreateStore() => new InMemoryUnsubscribeStore();
}

public sealed class InMemoryFeedStateStoreTests : FeedStateStoreContract
{
    protected override NewsAlerts.Core.Ingestion.IFeedStateStore CreateStore() => new InMemoryFeedStateStore();
}

public sealed class InMemoryDeduplicationStoreTests : DeduplicationStoreContract
{
    protected override NewsAlerts.Core.Ingestion.Dedup.IDeduplicationStore CreateStore() => new InMemoryDeduplicationStore();

    protected override NewsAlerts.Core.Ingestion.Dedup.IDeduplicationStore OpenAgain(NewsAlerts.Core.Ingestion.Dedup.IDeduplicationStore store) => store;
}

public sealed class InMemoryArticleStoreTests : ArticleStoreContract
{
    protected override NewsAlerts.Core.Articles.IArticleStore CreateStore() => new InMemoryArticleStore();
}

public sealed class InMemoryWatchlistFeedStoreTests : WatchlistFeedStoreContract
{
    protected override NewsAlerts.Core.Feeds.IWatchlistFeedStore CreateStore() => new InMemoryWatchlistFeedStore();
}
