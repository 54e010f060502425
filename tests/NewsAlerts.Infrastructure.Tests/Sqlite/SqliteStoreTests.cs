using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Infrastructure.Sqlite;
using NewsAlerts.Infrastructure.Tests.Contracts;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Sqlite;

/// <summary>A fresh SQLite file per test.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly TempFolder _folder = new();

    public SqliteDatabase Open() => new(Options.Create(new NewsAlertsOptions { StatePath = _folder.Path }));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

public sealed class SqliteArticleStoreTests : ArticleStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IArticleStore CreateStore() => new SqliteArticleStore(_database.Open());

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Articles_SurviveARestart()
    {
        await new SqliteArticleStore(_database.Open()).TryAddAsync(new ArticleBuilder().WithId("a").Build(), CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = new SqliteArticleStore(_database.Open());

        Assert.NotNull(await reopened.GetAsync("a", CancellationToken.None));
    }
}

public sealed class SqliteAlertStoreTests : AlertStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IAlertStore CreateStore() => new SqliteAlertStore(_database.Open());

    public void Dispose() => _database.Dispose();
}

public sealed class SqliteDeliveryLedgerTests : DeliveryLedgerContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IDeliveryLedger CreateLedger() => new SqliteDeliveryLedger(_database.Open());

    public void Dispose() => _database.Dispose();
}

public sealed class SqliteUnsubscribeStoreTests : UnsubscribeStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IUnsubscribeStore CreateStore() => new SqliteUnsubscribeStore(_database.Open());

    public void Dispose() => _database.Dispose();
}

public sealed class SqliteFeedStateStoreTests : FeedStateStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IFeedStateStore CreateStore() => new SqliteFeedStateStore(_database.Open());

    public void Dispose() => _database.Dispose();
}

public sealed class SqliteDeduplicationStoreTests : DeduplicationStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IDeduplicationStore CreateStore() => new SqliteDeduplicationStore(_database.Open());

    public void Dispose() => _database.Dispose();
}

public sealed class SqliteWatchlistFeedStoreTests : WatchlistFeedStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Core.Feeds.IWatchlistFeedStore CreateStore() => new SqliteWatchlistFeedStore(_database.Open());

    public void Dispose() => _database.Dispose();
}
