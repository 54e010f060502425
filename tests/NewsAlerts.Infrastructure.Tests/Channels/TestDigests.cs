using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Channels;

/// <summary>Digests for channel tests, composed by the real composer and matcher.</summary>
internal static class TestDigests
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A digest of <paramref name="count"/> matching articles, each with a title of about <paramref name="titleLength"/> chars.</summary>
    public static DigestView Many(int count, int titleLength = 80, int maxItems = 500)
    {
        var config = new ConfigBuilder().WithSubscriber("sam", maxItems: maxItems).Build();
        var matcher = QueryMatcher.Create(config);
        var items = Enumerable.Range(0, count)
            .Select(i => new ArticleBuilder()
                .WithId($"a{i:D4}")
                .WithTitle($"Story {i}: Hamas delegation in Russia " + new string('x', Math.Max(0, titleLength - 40)))
                .WithBody("The Hamas delegation met officials in Moscow, Russia, on Thursday.")
                .WithLink(new Uri($"https://news.example.org/story/{i}"))
                .Build())
            .Select(a => new DigestItem(new Alert("sam", a.Id, matcher.Match(a), Now), a))
            .ToList();
        var content = new DigestContent(config, config.Subscribers[0], DigestKey.Scheduled("sam", ScheduleKind.Daily, Now), items, new HashSet<string>());
        return DigestComposer.View(content, null, Now);
    }

    /// <summary>One story whose title and link are <paramref name="title"/> and <paramref name="link"/>.</summary>
    public static DigestView One(string title, string link)
    {
        var config = new ConfigBuilder().WithSubscriber("sam").Build();
        var article = new ArticleBuilder().WithTitle(title).WithBody("Hamas delegation Russia").WithLink(new Uri(link)).Build();
        var alert = new Alert("sam", article.Id, QueryMatcher.Create(config).Match(article), Now);
        var content = new DigestContent(config, config.Subscribers[0], DigestKey.Scheduled("sam", ScheduleKind.Daily, Now), [new DigestItem(alert, article)], new HashSet<string>());
        return DigestComposer.View(content, null, Now);
    }
}
