using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IFeedStateStore"/> must do; one subclass per implementation.</summary>
public abstract class FeedStateStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IFeedStateStore CreateStore();

    [Fact]
    public async Task Save_ThenGet_ReturnsEveryField()
    {
        var store = CreateStore();
        var state = new FeedState("reuters/world", "\"abc-123\"", Now.AddHours(-1), Now)
        {
            LastSuccessAt = Now.AddHours(-3),
            ConsecutiveFailures = 2,
            LastError = "https://example.com/feed.xml: HTTP 503 Service Unavailable (3 attempts)",
            ItemsLastRead = 41,
        };

        await store.SaveAsync(state, CancellationToken.None);

        Assert.Equal(state, await store.GetAsync("reuters/world", CancellationToken.None));
    }

    [Fact]
    public async Task Save_Recovered_ClearsTheErrorAndTheFailureCount()
    {
        var store = CreateStore();
        await store.SaveAsync(new FeedState("s1", null, null, Now) { ConsecutiveFailures = 4, LastError = "refused" }, CancellationToken.None);
        var recovered = new FeedState("s1", null, null, Now.AddMinutes(15)) { LastSuccessAt = Now.AddMinutes(15), ItemsLastRead = 0 };

        await store.SaveAsync(recovered, CancellationToken.None);

        Assert.Equal(recovered, await store.GetAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task Save_Again_ReplacesTheEarlierState()
    {
        var store = CreateStore();
        await store.SaveAsync(new FeedState("s1", "\"v1\"", Now.AddHours(-2), Now.AddMinutes(-15)), CancellationToken.None);

        await store.SaveAsync(new FeedState("s1", null, null, Now), CancellationToken.None);

        Assert.Equal(new FeedState("s1", null, null, Now), await store.GetAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task States_OfTwoSources_AreKeptApart()
    {
        var store = CreateStore();
        await store.SaveAsync(new FeedState("a", "\"a\"", null, Now), CancellationToken.None);
        await store.SaveAsync(new FeedState("b", "\"b\"", null, Now.AddMinutes(1)), CancellationToken.None);

        Assert.Equal("\"a\"", (await store.GetAsync("a", CancellationToken.None))!.ETag);
        Assert.Equal(Now.AddMinutes(1), (await store.GetAsync("b", CancellationToken.None))!.LastPolledAt);
    }

    [Fact]
    public async Task Get_UnknownSource_ReturnsNull()
    {
        Assert.Null(await CreateStore().GetAsync("never-polled", CancellationToken.None));
    }
}
