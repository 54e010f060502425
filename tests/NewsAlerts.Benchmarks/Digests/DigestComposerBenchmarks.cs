using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;
using NewsAlerts.Infrastructure.Email;

namespace NewsAlerts.Benchmarks.Digests;

/// <summary>Composing one full digest (20 stories, 40 articles, entities, highlights) from the Liquid templates, and its MIME form.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class DigestComposerBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly DigestComposer _composer = new();
    private DigestContent _content = null!;
    private DigestEmail _email = null!;

    [GlobalSetup]
    public void Setup()
    {
        var subscriber = new SubscriberConfig { Id = "sam", Email = "sam@example.com", Name = "Sam", TimeZone = "Europe/London", Watchlists = ["w0", "w1", "w2"] };
        var config = new NewsAlertsConfig
        {
            Sources = [new SourceConfig { Id = "s", Name = "Sample World News", Url = "feed.xml" }],
            Watchlists = [.. Enumerable.Range(0, 3).Select(i => new WatchlistConfig { Id = $"w{i}", Name = $"Watchlist {i}", Query = "Hamas Russia" })],
            Subscribers = [subscriber],
        };
        var body = string.Join("\n\n", Enumerable.Repeat("A Hamas delegation visited Moscow on Thursday, and Russia said it keeps relations with all parties.", 12));
        var analysis = new ArticleAnalysis("en", new Sentiment(SentimentLabel.Negative, 0.1, 0.2, 0.7),
            [new Entity("Hamas", EntityCategories.Organization, null, 2, 5, 0.9), new Entity("Moscow", EntityCategories.Location, null, 29, 6, 0.9), new Entity("Russia", EntityCategories.Location, null, 57, 6, 0.9)], "offline");
        var items = Enumerable.Range(0, 40).Select(i =>
        {
            var article = new Article { Id = $"a{i}", SourceId = "s", Title = $"Story {i}: Hamas delegation in Russia", Body = body, Link = new Uri($"https://news.example.org/{i}"), PublishedAt = Now.AddHours(-i), ClusterId = $"c{i / 2}", Analysis = analysis };
            var highlights = new List<Highlight> { new(ArticleFields.Body, 2, 5, "Hamas"), new(ArticleFields.Body, 57, 6, "Russia") };
            return new DigestItem(new Alert("sam", article.Id, [new WatchlistMatch($"w{i % 3}", 1.0 - (i / 100.0), highlights)], Now, ClusterId: article.ClusterId), article);
        }).ToList();
        _content = new DigestContent(config, subscriber, DigestKey.Scheduled("sam", ScheduleKind.Daily, Now), items, new HashSet<string>());
        _email = Compose();
    }

    [Benchmark]
    public DigestEmail Compose() => _composer.Compose(_content, new EmailAddress("alerts@example.com", "NewsAlerts"), new Uri("https://alerts.example.com/api/unsubscribe?token=abc"), Now);

    [Benchmark]
    public long ToMime()
    {
        using var stream = new MemoryStream();
        DigestMime.Create(_email).WriteTo(stream);
        return stream.Length;
    }
}
