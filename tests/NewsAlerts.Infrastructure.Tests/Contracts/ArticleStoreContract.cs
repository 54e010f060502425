using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IArticleStore"/> must do; one subclass per implementation.</summary>
public abstract class ArticleStoreContract
{
    protected abstract IArticleStore CreateStore();

    [Fact]
    public async Task TryAdd_NewArticle_IsStoredAndReadBack()
    {
        var store = CreateStore();
        var article = SeedArticle.Load() with { Id = "seed" };

        Assert.True(await store.TryAddAsync(article, CancellationToken.None));

        var read = await store.GetAsync("seed", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(article.Title, read.Title);
        Assert.Equal(article.Body, read.Body);
        Assert.Equal(article.Link, read.Link);
        Assert.Equal(article.PublishedAt, read.PublishedAt);
    }

    [Fact]
    public async Task TryAdd_SameIdTwice_KeepsTheFirstAndSaysSo()
    {
        var store = CreateStore();
        await store.TryAddAsync(new ArticleBuilder().WithId("a").WithTitle("First").Build(), CancellationToken.None);

        var added = await store.TryAddAsync(new ArticleBuilder().WithId("a").WithTitle("Second").Build(), CancellationToken.None);

        Assert.False(added);
        Assert.Equal("First", (await store.GetAsync("a", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Update_RecordsTheAnalysis()
    {
        var store = CreateStore();
        var article = new ArticleBuilder().WithId("a").Build();
        await store.TryAddAsync(article, CancellationToken.None);
        var analysis = new ArticleAnalysis("en", new Sentiment(SentimentLabel.Negative, 0.1, 0.2, 0.7), [new Entity("Hamas", "Organization", null, 3, 5, 0.9)], "offline");

        await store.UpdateAsync(article with { Analysis = analysis }, CancellationToken.None);

        var read = (await store.GetAsync("a", CancellationToken.None))!;
        Assert.Equal(SentimentLabel.Negative, read.Analysis!.Sentiment.Label);
        Assert.Equal(analysis.Entities, read.Analysis.Entities);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        Assert.Null(await CreateStore().GetAsync("nope", CancellationToken.None));
    }

    private static readonly DateTimeOffset Stored = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Article At(string id, DateTimeOffset ingestedAt) => new ArticleBuilder().WithId(id).Build() with { IngestedAt = ingestedAt };

    [Fact]
    public async Task TryAdd_NewArticle_IsUnmatchedUntilMarkedMatched()
    {
        var store = CreateStore();
        await store.TryAddAsync(At("a", Stored), CancellationToken.None);

        var unmatched = Assert.Single(await store.GetUnmatchedAsync(Stored, 0, 10, CancellationToken.None));
        Assert.Equal(new UnmatchedArticle("a", Stored, 0), unmatched);

        await store.MarkMatchedAsync("a", Stored.AddSeconds(1), CancellationToken.None);
        await store.MarkMatchedAsync("a", Stored.AddSeconds(2), CancellationToken.None);

        Assert.Empty(await store.GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None));
        Assert.NotNull(await store.GetAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task TryAdd_AnArticleAlreadyMatched_LeavesItMatched()
    {
        var store = CreateStore();
        await store.TryAddAsync(At("a", Stored), CancellationToken.None);
        await store.MarkMatchedAsync("a", Stored, CancellationToken.None);

        Assert.False(await store.TryAddAsync(At("a", Stored.AddHours(1)), CancellationToken.None));

        Assert.Empty(await store.GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task GetUnmatched_OldestFirst_WaitingLongEnough_NotRequeuedTooOften_AtMostTheLimit()
    {
        var store = CreateStore();
        await store.TryAddAsync(At("new", Stored.AddMinutes(10)), CancellationToken.None);
        await store.TryAddAsync(At("old", Stored.AddMinutes(-10)), CancellationToken.None);
        await store.TryAddAsync(At("mid", Stored), CancellationToken.None);
        await store.TryAddAsync(At("requeued", Stored.AddMinutes(-20)), CancellationToken.None);
        await store.MarkRequeuedAsync("requeued", Stored.AddMinutes(-5), CancellationToken.None);
        await store.MarkRequeuedAsync("requeued", Stored.AddMinutes(-5), CancellationToken.None);

        var ids = async (int maxRequeues, int limit) =>
            (await store.GetUnmatchedAsync(Stored, maxRequeues, limit, CancellationToken.None)).Select(a => a.Id).ToList();

        Assert.Equal(["old", "requeued", "mid"], await ids(2, 10));
        Assert.Equal(["old", "mid"], await ids(1, 10));
        Assert.Equal(["old"], await ids(2, 1));
        var requeued = (await store.GetUnmatchedAsync(Stored, 2, 10, CancellationToken.None)).Single(a => a.Id == "requeued");
        Assert.Equal((Stored.AddMinutes(-5), 2), (requeued.WaitingSince, requeued.Requeues));
    }

    [Fact]
    public async Task MarkRequeuedOrMatched_UnknownArticle_ChangesNothing()
    {
        var store = CreateStore();

        await store.MarkRequeuedAsync("nope", Stored, CancellationToken.None);
        await store.MarkMatchedAsync("nope", Stored, CancellationToken.None);

        Assert.Empty(await store.GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None));
    }
}
