using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Digests;

public sealed class DigestComposerTests
{
    private static readonly NewsAlertsConfig Config = new()
    {
        Sources = [new SourceConfig { Id = "sample-world", Name = "Sample World News", Url = "feed.xml" }],
        Watchlists = [new WatchlistConfig { Id = "hamas-russia", Name = "Hamas delegation Russia", Query = "Hamas delegation Russia" }],
        Subscribers = [new SubscriberConfig { Id = "sam", Email = "sam@example.com", Name = "Sam", Watchlists = ["hamas-russia"] }],
    };

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static DigestEmail Compose(params Articles.Article[] articles)
    {
        var matcher = new QueryMatcher.Factory().Create(Config);
        var items = articles
            .Select(a => new DigestItem(new Alert("sam", a.Id, matcher.Match(a), Now), a))
            .ToList();
        var content = new DigestContent(Config, Config.Subscribers[0], DigestKey.Scheduled("sam", ScheduleKind.Daily, Now), items, new HashSet<string>());
        return new DigestComposer().Compose(content, new EmailAddress("alerts@example.com", "NewsAlerts"), null, Now);
    }

    [Fact]
    public void Compose_SeedArticle_NamesWatchlistTitleSourceAndWhyItMatched()
    {
        var email = Compose(SeedArticle.Load());

        Assert.Contains("Hamas delegation Russia", email.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { email.Html, email.Text })
        {
            Assert.Contains(SeedArticle.Title, body, StringComparison.Ordinal);
            Assert.Contains("Sample World News", body, StringComparison.Ordinal);
            Assert.Contains("Matched: Hamas, delegation, Russia", body, StringComparison.Ordinal);
            Assert.Contains("2023-10-27 09:15 UTC", body, StringComparison.Ordinal);
        }

        Assert.Contains("<strong style=\"background:#fef08a;\">delegation</strong>", email.Html, StringComparison.Ordinal);
        Assert.Contains("max-width:640px", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_HostileFeedText_IsEscapedInHtml()
    {
        var hostile = new ArticleBuilder()
            .WithTitle("Hamas delegation Russia <script>alert(1)</script>")
            .WithBody("\"><img src=x onerror=alert(2)> Hamas delegation in Russia")
            .WithLink(new Uri("https://example.org/a?x=\"><script>"))
            .Build();

        var html = Compose(hostile).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
    }
}
