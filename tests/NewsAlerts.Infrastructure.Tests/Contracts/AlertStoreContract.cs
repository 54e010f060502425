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
    public async Task MarkSent_RemovesFromPending_AndTheAlertIsNotAddedAgain()
    {
        var store = CreateStore();
        await store.AddAsync([Alert("sam", "a1"), Alert("sam", "a2")], CancellationToken.None);

        await store.MarkSentAsync("sam", ["a1"], "digest-1", CancellationToken.None);
        var readded = await store.AddAsync([Alert("sam", "a1")], CancellationToken.None);

        Assert.Equal(0, readded);
        Assert.Equal(["a2"], (await store.GetPendingAsync("sam", CancellationToken.None)).Select(a => a.ArticleId));
    }
}
