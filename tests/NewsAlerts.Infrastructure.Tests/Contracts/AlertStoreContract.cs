using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IAlertStore"/> must do; one subclass per implementation.</summary>
public abstract class AlertStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IAlertStore CreateStore();

    private static Alert Alert(string subscriber, string article, int minutes = 0) =>
        new(subscriber, article, [new WatchlistMatch("w", 2.5, [new Highlight("title", 0, 5, "Hamas")])], Now.AddMinutes(minutes));

    [Fact]
    public async Task Add_SameSubscriberAndArticleTwice_RecordsOneAlert()
    {
        var store = CreateStore();

        var first = await store.AddAsync([Alert("sam", "a1")], CancellationToken.None);
        var second = await store.AddAsync([Alert("sam", "a1"), Alert("sam", "a2", 1)], CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal(["a1", "a2"], (await store.GetPendingAsync("sam", CancellationToken.None)).Select(a => a.ArticleId));
    }

    [Fact]
    public async Task GetPending_KeepsMatchesAndOnlyThisSubscribersAlerts()
    {
        var store = CreateStore();
        await store.AddAsync([Alert("sam", "a1"), Alert("kim", "a1")], CancellationToken.None);

        var pending = Assert.Single(await store.GetPendingAsync("sam", CancellationToken.None));

        var match = Assert.Single(pending.Matches);
        Assert.Equal("w", match.WatchlistId);
        Assert.Equal(2.5, match.Score);
        Assert.Equal(new Highlight("title", 0, 5, "Hamas"), Assert.Single(match.Highlights));
        Assert.Equal(Now, pending.CreatedAt);
    }

    [Fact]
    public async Task Claim_TakesThePendingAlerts_AndTheyAreNotAddedAgain()
    {
        var store = CreateStore();
        await store.AddAsync([Alert("sam", "a1"), Alert("sam", "a2", 1), Alert("kim", "a1")], CancellationToken.None);

        var held = await store.ClaimAsync("sam", "d1", null, CancellationToken.None);
        var readded = await store.AddAsync([Alert("sam", "a1")], CancellationToken.None);

        Assert.Equal(["a1", "a2"], held.Select(a => a.ArticleId));
        Assert.All(held, a => Assert.Equal("d1", a.DigestId));
        Assert.Equal(0, readded);
        Assert.Empty(await store.GetPendingAsync("sam", CancellationToken.None));
        Assert.Single(await store.GetPendingAsync("kim", CancellationToken.None));
    }

    [Fact]
    public async Task Claim_AnAlertHeldByAnotherDigest_IsNotTaken()
    {
        var store = CreateStore();
        await store.AddAsync([Alert("sam", "a1"), Alert("sam", "a2", 1)], CancellationToken.None);
        await store.ClaimAsync("sam", "d1", ["a1"], CancellationToken.None);

        var second = await store.ClaimAsync("sam", "d2", null, CancellationToken.None);
        var first = await store.ClaimAsync("sam", "d1", [], CancellationToken.None);

        Assert.Equal(["a2"], second.Select(a => a.ArticleId));
        Assert.Equal(["a1"], first.Select(a => a.ArticleId));
    }

    [Fact]
    public async Task Claim_ConcurrentDigests_NeverShareAnAlert()
    {
        var store = CreateStore();
        await store.AddAsync(Enumerable.Range(0, 20).Select(i => Alert("sam", $"a{i:00}", i)).ToList(), CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.ClaimAsync("sam", $"d{i}", null, CancellationToken.None))));

        var all = claims.SelectMany(c => c.Select(a => a.ArticleId)).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    [Fact]
    public async Task Release_ReturnsAllButTheKeptAlertsToPending()
    {
        var store = CreateStore();
        await store.AddAsync([Alert("sam", "a1"), Alert("sam", "a2", 1), Alert("sam", "a3", 2)], CancellationToken.None);
        await store.ClaimAsync("sam", "d1", null, CancellationToken.None);

        await store.ReleaseAsync("sam", "d1", ["a2"], CancellationToken.None);

        Assert.Equal(["a1", "a3"], (await store.GetPendingAsync("sam", CancellationToken.None)).Select(a => a.ArticleId));
        Assert.Equal(["a2"], (await store.ClaimAsync("sam", "d1", [], CancellationToken.None)).Select(a => a.ArticleId));
    }

    [Fact]
    public async Task ClustersHeldElsewhere_NameClustersOfOtherDigestsOnly()
    {
        var store = CreateStore();
        await store.AddAsync(
            [Alert("sam", "a1") with { ClusterId = "c1" }, Alert("sam", "a2", 1) with { ClusterId = "c2" }, Alert("sam", "a3", 2) with { ClusterId = "c1" }, Alert("kim", "a4") with { ClusterId = "c3" }],
            CancellationToken.None);
        await store.ClaimAsync("sam", "old", ["a1"], CancellationToken.None);
        await store.ClaimAsync("kim", "other", null, CancellationToken.None);
        var held = await store.ClaimAsync("sam", "new", null, CancellationToken.None);

        var seen = await store.GetClustersHeldElsewhereAsync("sam", "new", ["c1", "c2", "c3"], CancellationToken.None);

        Assert.Equal("c1", held.Single(a => a.ArticleId == "a3").ClusterId);
        Assert.Equal(["c1"], seen.Order(StringComparer.Ordinal));
    }
}
