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
}
