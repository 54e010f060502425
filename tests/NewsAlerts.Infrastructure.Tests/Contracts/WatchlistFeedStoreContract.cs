using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IWatchlistFeedStore"/> must do; one subclass per implementation.</summary>
public abstract class WatchlistFeedStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IWatchlistFeedStore CreateStore();

    /// <summary>
    /// Stores the articles the entries are of, for a store that reads the story (title, link, date, source) from the
    /// stored article rather than keeping a copy; by default nothing.
    /// </summary>
    protected virtual Task StoreArticlesAsync(IEnumerable<Article> articles) => Task.CompletedTask;

    private static WatchlistFeedEntry Entry(string watchlist, string article, int minutes, string why = "Matched: Hamas") =>
        WatchlistFeedEntry.Of(ArticleOf(article), watchlist, 1.25, why, Start.AddMinutes(minutes));

    private static Article ArticleOf(string id) => new()
    {
        Id = id,
        SourceId = "sample-world",
        Title = $"Title of {id}",
        Body = "Body",
        Link = new Uri($"https://news.example.org/{id}"),
        PublishedAt = Start.AddDays(-1),
        IngestedAt = Start,
    };

    private async Task<IWatchlistFeedStore> CreateStoreWithArticlesAsync(params string[] ids)
    {
        await StoreArticlesAsync(ids.Select(ArticleOf));
        return CreateStore();
    }

    [Fact]
    public async Task Add_ThenLatest_NewestFirstPerWatchlist_WithEveryField()
    {
        var store = await CreateStoreWithArticlesAsync("a", "b", "c", "d");
        await store.AddAsync([Entry("w1", "a", 0), Entry("w1", "b", 10), Entry("w2", "c", 5)], CancellationToken.None);
        await store.AddAsync([Entry("w1", "d", 5)], CancellationToken.None);

        var latest = await store.GetLatestAsync("w1", 10, CancellationToken.None);

        Assert.Equal(["b", "d", "a"], latest.Select(e => e.ArticleId));
        Assert.Equal(Entry("w1", "b", 10), latest[0]);
        Assert.Equal(["c"], (await store.GetLatestAsync("w2", 10, CancellationToken.None)).Select(e => e.ArticleId));
    }

    [Fact]
    public async Task Add_SameWatchlistAndArticleAgain_KeepsOneEntry()
    {
        var store = await CreateStoreWithArticlesAsync("a");
        await store.AddAsync([Entry("w1", "a", 0, "Matched: first")], CancellationToken.None);

        await store.AddAsync([Entry("w1", "a", 0, "Matched: second")], CancellationToken.None);

        Assert.Equal("Matched: first", Assert.Single(await store.GetLatestAsync("w1", 10, CancellationToken.None)).Why);
    }

    [Fact]
    public async Task Latest_StopsAtCount_AndTrimKeepsTheNewest()
    {
        var store = await CreateStoreWithArticlesAsync([.. Enumerable.Range(0, 7).Select(i => $"a{i}")]);
        await store.AddAsync(Enumerable.Range(0, 7).Select(i => Entry("w/1", $"a{i}", i)).ToList(), CancellationToken.None);

        Assert.Equal(["a6", "a5"], (await store.GetLatestAsync("w/1", 2, CancellationToken.None)).Select(e => e.ArticleId));
        Assert.Equal(7, await store.CountAsync("w/1", CancellationToken.None));
        Assert.Equal(4, await store.TrimAsync("w/1", 3, CancellationToken.None));
        Assert.Equal(3, await store.CountAsync("w/1", CancellationToken.None));
        Assert.Equal(["a6", "a5", "a4"], (await store.GetLatestAsync("w/1", 10, CancellationToken.None)).Select(e => e.ArticleId));
        Assert.Equal(0, await store.TrimAsync("w/1", 3, CancellationToken.None));
    }

    [Fact]
    public async Task Latest_OfAWatchlistWithNothing_IsEmpty() =>
        Assert.Empty(await CreateStore().GetLatestAsync("none", 10, CancellationToken.None));
}
