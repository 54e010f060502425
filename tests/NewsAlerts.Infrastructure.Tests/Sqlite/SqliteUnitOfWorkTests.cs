using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Infrastructure.Sqlite;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Sqlite;

/// <summary>A write scope makes the writes of several stores one transaction: all of them or none.</summary>
public sealed class SqliteUnitOfWorkTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabase _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteArticleStore _articles;
    private readonly SqliteAlertStore _alerts;
    private readonly SqliteDeduplicationStore _window;

    public SqliteUnitOfWorkTests()
    {
        _database = _folder.Open();
        (_articles, _alerts, _window) = (new(_database), new(_database), new(_database));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WritesOfSeveralStores_Committed_AreAllThere()
    {
        await using (var work = await new SqliteUnitOfWork(_database).BeginAsync(CancellationToken.None))
        {
            await WriteOneOfEachAsync();
            await work.CommitAsync(CancellationToken.None);
        }

        Assert.NotNull(await _articles.GetAsync("a", CancellationToken.None));
        Assert.Single(await _alerts.GetPendingAsync("sam", CancellationToken.None));
        Assert.Equal(1, (await _window.ReadAfterAsync(0, CancellationToken.None)).Position);
    }

    [Fact]
    public async Task WritesOfSeveralStores_NotCommitted_AreAllGone_AndStoresWorkOnTheirOwnAfterwards()
    {
        await using (await new SqliteUnitOfWork(_database).BeginAsync(CancellationToken.None))
        {
            await WriteOneOfEachAsync();

            // Inside the scope its own writes are seen (one connection)...
            Assert.NotNull(await _articles.GetAsync("a", CancellationToken.None));
        }

        // ...and once it is disposed without a commit, none of them.
        Assert.Null(await _articles.GetAsync("a", CancellationToken.None));
        Assert.Empty(await _alerts.GetPendingAsync("sam", CancellationToken.None));
        Assert.Equal(0, (await _window.ReadAfterAsync(0, CancellationToken.None)).Position);
        Assert.True(await _articles.TryAddAsync(new ArticleBuilder().WithId("b").Build(), CancellationToken.None));
    }

    [Fact]
    public async Task AnotherFlow_DoesNotSeeTheScopesWritesBeforeItCommits()
    {
        await using var work = await new SqliteUnitOfWork(_database).BeginAsync(CancellationToken.None);
        await WriteOneOfEachAsync();

        var seenElsewhere = await ElsewhereAsync(() => _articles.GetAsync("a", CancellationToken.None));
        await work.CommitAsync(CancellationToken.None);
        var seenAfterCommit = await ElsewhereAsync(() => _articles.GetAsync("a", CancellationToken.None));

        Assert.Null(seenElsewhere);
        Assert.NotNull(seenAfterCommit);
    }

    [Fact]
    public async Task Scopes_DoNotNest()
    {
        var unitOfWork = new SqliteUnitOfWork(_database);
        await using var outer = await unitOfWork.BeginAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.BeginAsync(CancellationToken.None));
    }

    /// <summary>Runs <paramref name="read"/> in a flow of its own, as another part of the program would (a task started inside the scope would share it).</summary>
    private static Task<T> ElsewhereAsync<T>(Func<Task<T>> read)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(read);
        }
    }

    /// <summary>An article (batch insert), an alert (a store with its own transaction) and a de-duplication log entry.</summary>
    private async Task WriteOneOfEachAsync()
    {
        await _articles.TryAddAllAsync([new ArticleBuilder().WithId("a").Build()], new HashSet<string> { "a" }, At, CancellationToken.None);
        await _alerts.AddAsync([new Alert("sam", "a", [], At)], CancellationToken.None);
        Assert.True(await _window.TryAppendAsync(0, [new ArticleFingerprint("a", "", "", 0, "a", At)], CancellationToken.None));
    }
}
