using Microsoft.Extensions.Options;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport.Digests;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Feeds;

/// <summary>The feed services over an in-memory store, the seed config and the digest harness's clock and signing key.</summary>
internal sealed class FeedTestBed
{
    public FeedTestBed(FeedOptions? options = null, NewsAlertsOptions? host = null)
    {
        Harness = new DigestHarness(SeedDigest.Config());
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new FeedOptions { BaseUrl = "https://alerts.example.com/api/feeds" });
        Recorder = new FeedRecorder(Store, Options, Harness.Time);
        Feeds = new WatchlistFeeds(Store, Harness.Config, Harness.Tokens, Options, Microsoft.Extensions.Options.Options.Create(host ?? new NewsAlertsOptions()));
        Endpoint = new FeedEndpoint(Feeds);
    }

    public DigestHarness Harness { get; }

    public InMemoryWatchlistFeedStore Store { get; } = new();

    public IOptions<FeedOptions> Options { get; }

    public FeedRecorder Recorder { get; }

    public WatchlistFeeds Feeds { get; }

    public FeedEndpoint Endpoint { get; }

    /// <summary>Records the seed article's real matches (offline analyzer, query matcher), as article processing does.</summary>
    public async Task RecordSeedAsync()
    {
        var article = await SeedDigest.ArticleAsync();
        await Recorder.RecordAsync(article, QueryMatcher.Create(SeedDigest.Config()).Match(article), CancellationToken.None);
    }
}
