using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Tests.Ingestion.Http;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Ingestion;

/// <summary>
/// Each hostile source of issue 11 next to a good one: the hostile source ends as its own failure or warning, quickly,
/// and the good source's articles are stored in the same run.
/// </summary>
public sealed class HostileSourceTests : IDisposable
{
    private const string GoodFeed = """
        <rss version="2.0"><channel><title>Good</title>
        <item><guid>good-1</guid><title>Hamas delegation in Moscow</title><link>https://example.com/good-1</link><description>A delegation met Russian officials.</description></item>
        </channel></rss>
        """;

    private readonly TempFolder _folder = new();
    private readonly InMemoryArticleStore _articles = new();
    private readonly FeedHttp _http = new(o => o.MaxRetries = 0);
    private readonly FeedFetchOptions _options = new() { SourceBudget = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    private SourceConfig Good() => FileSource("good", _folder.Write("good.xml", GoodFeed));

    private static SourceConfig FileSource(string id, string path, bool fullText = false) =>
        new() { Id = id, Url = path, Location = new Uri(path), FullText = fullText, AllowPrivateNetwork = true };

    private Task<IReadOnlyList<IngestResult>> IngestAsync(IFeedFetcher fetcher, params SourceConfig[] sources) =>
        _http.Ingest(_articles, _options, sources, fetcher).IngestAllAsync(CancellationToken.None);

    private Task<IReadOnlyList<IngestResult>> IngestAsync(params SourceConfig[] sources) => IngestAsync(_http.Fetcher, sources);

    private async Task AssertGoodSourceStoredAsync(IReadOnlyList<IngestResult> results)
    {
        var good = results.Single(r => r.SourceId == "good");
        Assert.Empty(good.Warnings);
        Assert.False(good.Failed);
        var article = Assert.Single(good.NewArticleIds);
        Assert.Equal("Hamas delegation in Moscow", (await _articles.GetAsync(article, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task RedirectToAFileUrl_IsRefused_AsThatSourcesWarning()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed", () => Results.Redirect("file:///etc/passwd")));

        var results = await IngestAsync(Good(), FeedHttp.Source(server.Url("feed")) with { Id = "hostile" });

        Assert.Contains("file:///etc/passwd refused: only http and https are followed", results.Single(r => r.SourceId == "hostile").Error, StringComparison.Ordinal);
        await AssertGoodSourceStoredAsync(results);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://ftp.example.com/story.html")]
    public async Task FullTextLinkThatIsNotHttp_KeepsTheSummary_WithAWarning(string link)
    {
        var feed = _folder.Write("fulltext.xml", $"""
            <rss version="2.0"><channel><title>F</title>
            <item><guid>f-1</guid><title>Short item</title><link>{link}</link><description>Only a summary.</description></item>
            </channel></rss>
            """);

        var results = await IngestAsync(Good(), FileSource("hostile", feed, fullText: true));

        var hostile = results.Single(r => r.SourceId == "hostile");
        Assert.Contains(hostile.Warnings, w => w.Contains("summary kept", StringComparison.Ordinal) && w.Contains("only http and https", StringComparison.Ordinal));
        Assert.Equal("Only a summary.", (await _articles.GetAsync(Assert.Single(hostile.NewArticleIds), CancellationToken.None))!.Body);
        await AssertGoodSourceStoredAsync(results);
    }

    [Fact]
    public async Task FifoAsASource_IsNotOpened_ItIsThatSourcesWarning()
    {
        var fifo = _folder.MakeFifo("feed.fifo");

        var results = await IngestAsync(Good(), FileSource("hostile", fifo));

        Assert.Contains("is a FIFO (named pipe), not a regular file", results.Single(r => r.SourceId == "hostile").Error, StringComparison.Ordinal);
        await AssertGoodSourceStoredAsync(results);
    }

    [Fact]
    public async Task DevZeroAsASource_IsNotRead_ItIsThatSourcesWarning()
    {
        var results = await IngestAsync(Good(), FileSource("hostile", "/dev/zero"));

        Assert.Contains("/dev/zero is a character device, not a regular file", results.Single(r => r.SourceId == "hostile").Error, StringComparison.Ordinal);
        await AssertGoodSourceStoredAsync(results);
    }

    [Fact]
    public async Task TwoHundredThousandNestedElements_SkipTheHostileItem_AndTheRestOfTheFeedIsRead()
    {
        var nested = string.Concat(Enumerable.Repeat("<div>", 200_000)) + "deep" + string.Concat(Enumerable.Repeat("</div>", 200_000));
        var feed = _folder.Write("deep.xml", $"""
            <rss version="2.0"><channel><title>Deep</title>
            <item><guid>deep-1</guid><title>Hostile</title><description>{nested}</description></item>
            <item><guid>deep-2</guid><title>After the hostile one</title><description>Still read.</description></item>
            </channel></rss>
            """);

        var results = await IngestAsync(Good(), FileSource("hostile", feed));

        var hostile = results.Single(r => r.SourceId == "hostile");
        Assert.Contains(hostile.Warnings, w => w.Contains("item 1 ('Hostile') skipped: its elements nest deeper than 100 levels", StringComparison.Ordinal));
        Assert.Equal("After the hostile one", (await _articles.GetAsync(Assert.Single(hostile.NewArticleIds), CancellationToken.None))!.Title);
        await AssertGoodSourceStoredAsync(results);
    }

    [Fact]
    public async Task AnythingASourceThrows_IsThatSourcesWarning()
    {
        var results = await IngestAsync(new ThrowingFor("hostile", _http.Fetcher), Good(), Good() with { Id = "hostile" });

        Assert.Equal("a bug nobody expected", results.Single(r => r.SourceId == "hostile").Error);
        await AssertGoodSourceStoredAsync(results);
    }

    /// <summary>A fetcher that throws what no one planned for, for one source.</summary>
    private sealed class ThrowingFor(string sourceId, IFeedFetcher inner) : IFeedFetcher
    {
        public Task<FeedFetchResult> FetchAsync(SourceConfig source, FeedState? previous, CancellationToken cancellationToken) =>
            source.Id == sourceId ? throw new InvalidOperationException("a bug nobody expected") : inner.FetchAsync(source, previous, cancellationToken);
    }
}
