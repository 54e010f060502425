using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Ingestion.FullText;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Tests.Ingestion.Http;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Ingestion;

/// <summary>
/// Full-text extraction over real HTTP (Kestrel on 127.0.0.1): a feed whose items carry one-line summaries and link to
/// article pages with navigation, scripts and an ad block around the story.
/// </summary>
public sealed class FullTextIngestTests : IDisposable
{
    private static readonly string[] Paragraphs =
    [
        "The city council voted on Tuesday evening to approve the long-debated harbour bridge, ending a decade of planning disputes, public hearings and legal challenges that had divided residents on both banks of the river.",
        "Construction is expected to begin next spring, according to the transport department, which said the first contracts would be awarded within weeks and that the crossing should open to traffic within four years.",
        "Opponents argued throughout the hearings that the bridge would bring heavy traffic into quiet residential streets, and several neighbourhood groups said they were considering a further appeal to the regional court.",
        "Supporters, including most local businesses, said the new link would cut commuting times by half and bring much needed investment to the eastern districts, which have lagged behind the rest of the city for years.",
        "The final design includes separate lanes for cyclists and pedestrians, a tram line reserved for a later phase, and a lifting section in the middle so that tall ships can still reach the old harbour basin.",
    ];

    private const string Summary = "Council approves the harbour bridge.";

    private readonly FeedFetchOptions _options = new();
    private readonly InMemoryArticleStore _articles = new();
    private readonly FeedHttp _http = new(o => o.MaxRetries = 0);
    private readonly Deduplicator _deduplicator = new(new InMemoryDeduplicationStore(), Options.Create(new DeduplicationOptions()), TimeProvider.System);
    private int _pageHits;

    public void Dispose() => _http.Dispose();

    private IngestService Service(SourceConfig source) => new(
        _http.Fetcher,
        _http.FullText,
        new InMemoryFeedStateStore(),
        _articles,
        _deduplicator,
        new FixedConfigProvider(new NewsAlertsConfig { Sources = [source] }),
        Options.Create(_options),
        TimeProvider.System,
        NullLogger<IngestService>.Instance);

    private static string ArticlePage() => $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Harbour bridge approved</title>
        <script>var tracker = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script>
        <style>/* STYLE-TEXT */</style></head>
        <body>
        <nav class="site-nav"><ul><li><a href="/">Home NAV-TEXT</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <div class="ad advertisement sponsored" id="ad-banner"><a href="https://ads.example.com/">AD-TEXT Buy cheap flights now</a></div>
        <main><article>
        <h1>Harbour bridge approved</h1>
        {string.Concat(Paragraphs.Select(p => $"<p>{p}</p>\n"))}
        </article></main>
        <footer class="footer"><a href="/about">About FOOTER-TEXT</a> <a href="/contact">Contact</a></footer>
        <script>document.write("SCRIPT-TEXT-MUST-NOT-APPEAR");</script>
        </body></html>
        """;

    private static string Feed(Uri pages, params (string Id, string Summary)[] items) => $"""
        <rss version="2.0"><channel><title>Local news</title>
        {string.Concat(items.Select(i => $"<item><guid>{i.Id}</guid><title>Story {i.Id}</title><link>{new Uri(pages, i.Id)}</link><description>{WebUtility.HtmlEncode(i.Summary)}</description></item>\n"))}
        </channel></rss>
        """;

    private Task<LocalHttpServer> StartAsync(int pageStatus = 200, params (string Id, string Summary)[] items) =>
        LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/feed", (HttpContext context) =>
                Results.Text(Feed(new Uri($"http://{context.Request.Host}/pages/"), items), "application/rss+xml"));
            app.MapGet("/pages/{id}", () =>
            {
                Interlocked.Increment(ref _pageHits);
                return pageStatus == 200 ? Results.Text(ArticlePage(), "text/html; charset=utf-8") : Results.StatusCode(pageStatus);
            });
        });

    [Fact]
    public async Task ShortSummary_IsReplacedByTheArticleText_ParagraphsKept_NoNavScriptOrAds()
    {
        await using var server = await StartAsync(items: ("a", Summary));
        var source = FeedHttp.Source(server.Url("feed")) with { FullText = true };

        var result = await Service(source).IngestAsync(source, CancellationToken.None);

        var body = (await _articles.GetAsync(Assert.Single(result.NewArticleIds), CancellationToken.None))!.Body;
        Assert.True(result.Warnings.Count == 0, string.Join(" | ", result.Warnings));
        Assert.Equal(string.Join("\n\n", Paragraphs), body);
        Assert.DoesNotContain("SCRIPT-TEXT", body, StringComparison.Ordinal);
        Assert.DoesNotContain("NAV-TEXT", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AD-TEXT", body, StringComparison.Ordinal);
        Assert.DoesNotContain("FOOTER-TEXT", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceWithoutFullText_KeepsTheSummary_AndFetchesNoPage()
    {
        await using var server = await StartAsync(items: ("a", Summary));
        var source = FeedHttp.Source(server.Url("feed"));

        var result = await Service(source).IngestAsync(source, CancellationToken.None);

        Assert.Equal(Summary, (await _articles.GetAsync(Assert.Single(result.NewArticleIds), CancellationToken.None))!.Body);
        Assert.Equal(0, _pageHits);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task PageThatFails_KeepsTheSummary_WithAWarningNamingSourceAndLink(int status)
    {
        await using var server = await StartAsync(status, ("a", Summary));
        var source = FeedHttp.Source(server.Url("feed")) with { FullText = true };

        var result = await Service(source).IngestAsync(source, CancellationToken.None);

        Assert.Equal(Summary, (await _articles.GetAsync(Assert.Single(result.NewArticleIds), CancellationToken.None))!.Body);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("s: full text of " + server.Url("pages/a"), warning, StringComparison.Ordinal);
        Assert.Contains($"HTTP {status}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongSummary_IsNotRefetched()
    {
        var longSummary = string.Join(' ', Paragraphs[..3]);
        Assert.True(longSummary.Length >= _options.FullTextBelowChars);
        await using var server = await StartAsync(items: ("a", longSummary));
        var source = FeedHttp.Source(server.Url("feed")) with { FullText = true };

        var result = await Service(source).IngestAsync(source, CancellationToken.None);

        Assert.Equal(longSummary, (await _articles.GetAsync(Assert.Single(result.NewArticleIds), CancellationToken.None))!.Body);
        Assert.Equal(0, _pageHits);
    }

    [Fact]
    public async Task NextPoll_DoesNotFetchThePageAgain()
    {
        await using var server = await StartAsync(items: ("a", Summary));
        var source = FeedHttp.Source(server.Url("feed")) with { FullText = true };
        var service = Service(source);

        var first = await service.IngestAsync(source, CancellationToken.None);
        var second = await service.IngestAsync(source, CancellationToken.None);

        Assert.Equal((1, 0, 1), (first.NewArticleIds.Count, second.NewArticleIds.Count, second.ItemsRead));
        Assert.Equal(1, _pageHits);
    }

    [Fact]
    public async Task PageFetches_AreBoundedPerPoll_TheRestKeepTheirSummary()
    {
        _options.MaxFullTextPagesPerPoll = 2;
        await using var server = await StartAsync(items: [("a", "Council approves the bridge."), ("b", "Mayor welcomes the vote."), ("c", "Residents plan an appeal.")]);
        var source = FeedHttp.Source(server.Url("feed")) with { FullText = true };

        var result = await Service(source).IngestAsync(source, CancellationToken.None);

        Assert.Equal(3, result.NewArticleIds.Count);
        Assert.Equal(2, _pageHits);
        var bodies = await Task.WhenAll(result.NewArticleIds.Select(id => _articles.GetAsync(id, CancellationToken.None)));
        Assert.Equal("Residents plan an appeal.", bodies[2]!.Body);
    }

    [Fact]
    public async Task SlowPages_AreCutOffByTheFullTextBudget_AndTheItemsAreStillStored()
    {
        _options.FullTextBudget = TimeSpan.FromMilliseconds(300);
        await using var server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/feed", (HttpContext context) =>
                Results.Text(Feed(new Uri($"http://{context.Request.Host}/pages/"), ("a", Summary)), "application/rss+xml"));
            app.MapGet("/pages/{id}", async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                return Results.Text(ArticlePage(), "text/html");
            });
        });
        var source = FeedHttp.Source(server.Url("feed"), timeout: TimeSpan.FromMinutes(1)) with { FullText = true };

        var result = await Service(source).IngestAsync(source, CancellationToken.None);

        Assert.Equal(Summary, (await _articles.GetAsync(Assert.Single(result.NewArticleIds), CancellationToken.None))!.Body);
        Assert.Contains("full-text budget", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html; charset=windows-1252", "<meta charset=\"utf-8\">")]
    [InlineData("text/html", "<meta charset=\"windows-1252\">")]
    [InlineData(null, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">")]
    public void PageEncoding_ComesFromTheHttpCharset_ElseFromThePage(string? contentType, string meta)
    {
        var html = ArticlePage().Replace("<meta charset=\"utf-8\">", meta, StringComparison.Ordinal)
            .Replace("Tuesday evening", "Tuesday evening at the Café Müller", StringComparison.Ordinal);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(html);

        var text = FullTextExtractor.ExtractText(bytes, contentType, new Uri("https://example.com/a"));

        Assert.Contains("at the Café Müller", text, StringComparison.Ordinal);
    }
}
