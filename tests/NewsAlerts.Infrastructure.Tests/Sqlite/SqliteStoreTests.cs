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
    public async Task ArticlesStoredAsPlainJsonBefore_AreStillRead_AndNewOnesAreStoredSmaller()
    {
        var database = _database.Open();
        var store = new SqliteArticleStore(database);
        var article = SeedArticle.Load() with { Id = "seed" };
        await store.TryAddAsync(article with { Id = "new" }, CancellationToken.None);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO articles (id, source_id, json, ingested_at) VALUES ('seed', 's', $json, '2026-11-25T09:00:00.0000000+00:00')";
            command.Parameters.AddWithValue("$json", System.Text.Json.JsonSerializer.Serialize(article, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
            await command.ExecuteNonQueryAsync();
            command.CommandText = "SELECT length(json), typeof(json) FROM articles ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            var sizes = new List<(long Length, string Type)>();
            while (await reader.ReadAsync())
            {
                sizes.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            Assert.Equal(["blob", "text"], sizes.Select(s => s.Type));
            Assert.True(sizes[0].Length * 3 < sizes[1].Length * 2, $"deflated {sizes[0].Length} bytes, plain {sizes[1].Length}");
        }

        var old = await store.GetAsync("seed", CancellationToken.None);

        Assert.Equal((article.Title, article.Body), (old!.Title, old.Body));
        Assert.Equal(article.Body, (await store.GetManyAsync(["new"], CancellationToken.None))["new"].Body);
    }

    [Fact]
    public async Task Articles_SurviveARestart()
    {
        await new SqliteArticleStore(_database.Open()).TryAddAsync(new ArticleBuilder().WithId("a").Build(), CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = new SqliteArticleStore(_database.Open());

        Assert.NotNull(await reopened.GetAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task StateFolderFromBeforeTheProgressMarker_ArticlesNeverAnalysedAreUnmatched_TheOthersMatched()
    {
        var path = _database.Open().FilePath;
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE articles (id TEXT PRIMARY KEY, source_id TEXT NOT NULL, json TEXT NOT NULL, ingested_at TEXT NOT NULL);
                INSERT INTO articles VALUES ('done', 's', '{"id":"done","sourceId":"s","title":"t","body":"b","analysis":{"language":"en","sentiment":{"label":"Neutral","positive":0,"neutral":1,"negative":0},"entities":[],"analyzer":"offline"}}', '2026-11-20T10:00:00.0000000+00:00');
                INSERT INTO articles VALUES ('lost', 's', '{"id":"lost","sourceId":"s","title":"t","body":"b","analysis":null}', '2026-11-20T10:00:00.0000000+00:00');
                """;
            await create.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var unmatched = await new SqliteArticleStore(_database.Open()).GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None);

        Assert.Equal("lost", Assert.Single(unmatched).Id);
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

    [Fact]
    public async Task StateFolderFromBeforeTheStateColumn_ItsOpenRecordsAreFound()
    {
        var path = _database.Open().FilePath;
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE deliveries (digest_id TEXT PRIMARY KEY, subscriber_id TEXT NOT NULL, json TEXT NOT NULL, version INTEGER NOT NULL);
                INSERT INTO deliveries VALUES ('d1', 'sam', '{"digestId":"d1","subscriberId":"sam","period":"daily:2026-11-24T08:00Z","state":"Sending","articleIds":["a1"],"attempts":1}', 3);
                INSERT INTO deliveries VALUES ('d2', 'sam', '{"digestId":"d2","subscriberId":"sam","period":"daily:2026-11-23T08:00Z","state":"Sent","articleIds":["a0"],"attempts":1}', 3);
                """;
            await create.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var open = await new SqliteDeliveryLedger(_database.Open()).GetOpenAsync("sam", CancellationToken.None);

        var record = Assert.Single(open);
        Assert.Equal(("d1", DeliveryState.Sending, "3"), (record.DigestId, record.State, record.Version));
    }
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

    [Fact]
    public async Task StateFolder_FromBeforeSourceHealth_IsReadAndGainsTheHealthColumns()
    {
        var database = _database.Open();
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.FilePath}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE feed_states (source_id TEXT PRIMARY KEY, etag TEXT NULL, last_modified TEXT NULL, last_polled_at TEXT NULL);
                INSERT INTO feed_states VALUES ('old', '"v1"', NULL, '2026-11-25T12:00:00.0000000+00:00');
                """;
            await create.ExecuteNonQueryAsync();
        }

        var store = new SqliteFeedStateStore(database);
        var read = await store.GetAsync("old", CancellationToken.None);
        await store.SaveAsync(read! with { ConsecutiveFailures = 1, LastError = "HTTP 500" }, CancellationToken.None);

        Assert.Equal(new FeedState("old", "\"v1\"", null, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)), read);
        Assert.Equal("HTTP 500", (await store.GetAsync("old", CancellationToken.None))!.LastError);
    }
}

public sealed class SqliteDeduplicationStoreTests : DeduplicationStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IDeduplicationStore CreateStore() => new SqliteDeduplicationStore(_database.Open());

    protected override IDeduplicationStore OpenAgain(IDeduplicationStore store) => new SqliteDeduplicationStore(_database.Open());

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AStateFolderFromBeforeTheLog_KeepsItsWindow_AndAppendsAfterIt()
    {
        var database = _database.Open();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.FilePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE fingerprints (article_id TEXT PRIMARY KEY, canonical_url TEXT NOT NULL, content_hash TEXT NOT NULL,
                    sim_hash INTEGER NOT NULL, cluster_id TEXT NOT NULL, seen_at_ticks INTEGER NOT NULL, seen_at TEXT NOT NULL);
                INSERT INTO fingerprints VALUES ('old', 'https://example.com/old', 'hash-old', 42, 'old', 639000000000000000, '2025-12-01T00:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = new SqliteDeduplicationStore(database);
        var loaded = await store.LoadSinceAsync(DateTimeOffset.MinValue, CancellationToken.None);

        Assert.Equal(["old"], loaded.Fingerprints.Select(f => f.ArticleId));
        Assert.Equal(0, loaded.Position);
        Assert.True(await store.TryAppendAsync(0, [loaded.Fingerprints[0] with { ArticleId = "new" }], CancellationToken.None));
        Assert.Equal(["new"], (await store.ReadAfterAsync(0, CancellationToken.None)).Fingerprints.Select(f => f.ArticleId));
    }
}

public sealed class SqliteWatchlistFeedStoreTests : WatchlistFeedStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override Core.Feeds.IWatchlistFeedStore CreateStore() => new SqliteWatchlistFeedStore(_database.Open());

    protected override async Task StoreArticlesAsync(IEnumerable<Article> articles)
    {
        foreach (var article in articles)
        {
            await new SqliteArticleStore(_database.Open()).TryAddAsync(article, CancellationToken.None);
        }
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StateFolderWithFeedEntriesAsCopies_TheyAreMovedOnce_AndReadWithTheStoredArticle()
    {
        var database = _database.Open();
        var article = new Article { Id = "a1", SourceId = "s", Title = "Stored title", Body = "b", Link = new Uri("https://news.example.org/a1"), IngestedAt = DateTimeOffset.UnixEpoch };
        await new SqliteArticleStore(database).TryAddAsync(article, CancellationToken.None);
        var matchedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.FilePath}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = $$"""
                DROP TABLE feed_matches;
                CREATE TABLE feed_entries (watchlist_id TEXT NOT NULL, matched_at_ticks INTEGER NOT NULL, article_id TEXT NOT NULL, json TEXT NOT NULL,
                    PRIMARY KEY (watchlist_id, matched_at_ticks, article_id)) WITHOUT ROWID;
                INSERT INTO feed_entries VALUES ('w1', {{matchedAt.UtcTicks}}, 'a1', '{"watchlistId":"w1","articleId":"a1","title":"Copied title","score":1.5,"why":"Matched: Hamas in the text","matchedAt":"2026-11-30T09:00:00+00:00"}');
                """;
            await create.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = _database.Open();
        var entry = Assert.Single(await new SqliteWatchlistFeedStore(reopened).GetLatestAsync("w1", 10, CancellationToken.None));
        Assert.Equal(("a1", "Stored title", "https://news.example.org/a1", 1.5, "Matched: Hamas in the text", matchedAt), (entry.ArticleId, entry.Title, entry.Link, entry.Score, entry.Why, entry.MatchedAt));
        await using var connection = await reopened.OpenAsync(CancellationToken.None);
        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'feed_entries'";
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }
}
