using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Tests.Ingestion.Http;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Ingestion;

/// <summary>Ingestion over real HTTP (Kestrel on 127.0.0.1): conditional polls and sources that must not hold each other up.</summary>
public sealed class IngestServiceTests : IDisposable
{
    private const string Feed = """
        <rss version="2.0"><channel><title>T</title>
        <item><guid>a</guid><title>First story</title><link>https://example.com/a</link></item>
        <item><guid>b</guid><title>Second story</title><link>https://example.com/b</link></item>
        </channel></rss>
        """;

    private readonly FeedFetchOptions _options = new();
    private readonly InMemoryFeedStateStore _states = new();
    private readonly InMemoryArticleStore _articles = new();
    private readonly FeedHttp _http;

    public IngestServiceTests() => _http = new FeedHttp(o => o.MaxRetries = 0);

    public void Dispose() => _http.Dispose();

    private IngestService Service(params SourceConfig[] sources) => Service(_articles, sources);

    private IngestService Service(IArticleStore articles, params SourceConfig[] sources) => Service(articles, new InMemoryDeduplicationStore(), sources);

    private IngestService Service(IArticleStore articles, IDeduplicationStore window, params SourceConfig[] sources) => new(
        _http.Fetcher,
        _http.FullText,
        _states,
        articles,
        new Deduplicator(window, Options.Create(new DeduplicationOptions()), TimeProvider.System),
        new FixedConfigProvider(new NewsAlertsConfig { Sources = sources }),
        Options.Create(_options),
        TimeProvider.System,
        NullLogger<IngestService>.Instance);

    [Fact]
    public async Task SecondPoll_Answered304_ParsesNothing_AndKeepsTheValidators()
    {
        var bodies = 0;
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"v7\"";
            if (context.Request.Headers.IfNoneMatch == "\"v7\"")
            {
                return Results.StatusCode(304);
            }

            Interlocked.Increment(ref bodies);
            return Results.Text(Feed, "application/rss+xml");
        }));
        var source = FeedHttp.Source(server.Url("feed"));
        var service = Service(source);

        var first = await service.IngestAsync(source, CancellationToken.None);
        var second = await service.IngestAsync(source, CancellationToken.None);

        Assert.Equal((2, 2, false), (first.ItemsRead, first.NewArticleIds.Count, first.NotModified));
        Assert.Equal((0, true), (second.ItemsRead, second.NotModified));
        Assert.Equal(1, bodies);
        Assert.Equal("\"v7\"", (await _states.GetAsync("s", CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task SlowAndRefusedSources_FailWithAReason_WhileTheOthersAreRead()
    {
        // The budget must outlast a cold first fetch of the good source on a busy CI machine, yet end the slow one.
        _options.SourceBudget = TimeSpan.FromSeconds(3);
        await using var server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/slow", async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                return Results.Text(Feed);
            });
            app.MapGet("/feed", () => Results.Text(Feed, "application/rss+xml"));
        });
        SourceConfig[] sources =
        [
            FeedHttp.Source(server.Url("slow"), timeout: TimeSpan.FromMinutes(1)) with { Id = "slow" },
            FeedHttp.Source(server.Url("feed"), allowPrivateNetwork: false) with { Id = "refused" },
            FeedHttp.Source(server.Url("feed")) with { Id = "good" },
        ];

        var service = Service(sources);
        await service.IngestAsync(sources[2] with { Id = "warm-up" }, CancellationToken.None);

        var results = await service.IngestAllAsync(CancellationToken.None);

        Assert.Equal(["slow", "refused", "good"], results.Select(r => r.SourceId));
        Assert.Contains("given up after 3 s", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("allowPrivateNetwork", results[1].Error, StringComparison.Ordinal);
        Assert.Null(results[2].Error);
        Assert.Empty(results[2].Warnings);
        Assert.Equal(2, results[2].ItemsRead);
    }

    [Fact]
    public async Task StoreFailingMidPoll_LosesNoArticle_TheNextPollStoresThemAsNew()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed", () => Results.Text(Feed, "application/rss+xml")));
        var source = FeedHttp.Source(server.Url("feed"));
        var store = new FailingOnceArticleStore(_articles);
        var service = Service(store, source);

        await Assert.ThrowsAsync<IOException>(() => service.IngestAsync(source, CancellationToken.None));
        var retry = await service.IngestAsync(source, CancellationToken.None);

        Assert.Equal(2, retry.NewArticleIds.Count);
        foreach (var id in retry.NewArticleIds)
        {
            Assert.NotNull(await _articles.GetAsync(id, CancellationToken.None));
        }

        var again = await service.IngestAsync(source, CancellationToken.None);
        Assert.Empty(again.NewArticleIds);
    }

    [Fact]
    public async Task TwoProcessesPollingTwoOutletsAtOnce_StoreTheirCopiesOfAStoryInOneCluster()
    {
        static string Rss(string guid, string title, string body) =>
            $"<rss version=\"2.0\"><channel><title>T</title><item><guid>{guid}</guid><title>{title}</title><link>https://example.com/{guid}</link><description>{System.Security.SecurityElement.Escape(body)}</description></item></channel></rss>";
        await using var server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/wire", () => Results.Text(Rss("wire-1", Stories.WireTitle, Stories.WireBody), "application/rss+xml"));
            app.MapGet("/outlet", () => Results.Text(Rss("outlet-1", Stories.OutletTitle, Stories.OutletBody), "application/rss+xml"));
        });
        var (wire, outlet) = (FeedHttp.Source(server.Url("wire")) with { Id = "wire" }, FeedHttp.Source(server.Url("outlet")) with { Id = "outlet" });
        var window = new InMemoryDeduplicationStore();
        var outletAtAppend = new TaskCompletionSource();
        var wireDone = new TaskCompletionSource();
        var held = new HeldAppendDeduplicationStore(window, async () =>
        {
            outletAtAppend.TrySetResult();
            await wireDone.Task;
        });

        // The outlet's process classifies and stores its copy, then the wire's process ingests and appends first.
        var outletPoll = Service(_articles, held, outlet).IngestAsync(outlet, CancellationToken.None);
        await outletAtAppend.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var wirePoll = await Service(_articles, window, wire).IngestAsync(wire, CancellationToken.None);
        wireDone.SetResult();
        var outletResult = await outletPoll;

        var wireArticle = await _articles.GetAsync(Assert.Single(wirePoll.NewArticleIds), CancellationToken.None);
        var outletArticle = await _articles.GetAsync(Assert.Single(outletResult.NewArticleIds), CancellationToken.None);
        Assert.Equal(wireArticle!.Id, wireArticle.ClusterId);
        Assert.Equal(wireArticle.Id, outletArticle!.ClusterId);
    }

    /// <summary>An article store whose first write fails, as a storage outage in the middle of a poll would.</summary>
    private sealed class FailingOnceArticleStore(IArticleStore inner) : DelegatingArticleStore(inner)
    {
        private int _writes;

        public override Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _writes) == 1 ? throw new IOException("storage unavailable") : base.TryAddAsync(article, cancellationToken);
    }
}
