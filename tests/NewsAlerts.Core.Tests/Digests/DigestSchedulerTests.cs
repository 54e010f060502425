using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Digests;

/// <summary>When digests go out: schedules, time zones, a daylight-saving change, quiet hours and urgent alerts, on a fake clock.</summary>
public sealed class DigestSchedulerTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static Articles.Article Article(string id) => new ArticleBuilder().WithId(id).WithTitle($"Story {id}").Build();

    private static RecordingSender Sent(DigestHarness harness) => (RecordingSender)harness.Sender;

    private static async Task<List<string>> SendDueAsync(DigestHarness harness)
    {
        var outcomes = await harness.Service.SendDueAsync(CancellationToken.None);
        return outcomes.Where(o => o.SentNow).Select(o => o.Key.SubscriberId).ToList();
    }

    [Fact]
    public async Task Daily_FirstCheckDeliversAtOnce_ThenWaitsForTheNextLocalSendTime()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "daily 08:00", "Europe/Berlin").Build(), start: Utc("2026-11-25T12:00:00Z"));
        await harness.AddAlertAsync("sam", Article("a1"));

        Assert.Equal(["sam"], await SendDueAsync(harness));

        await harness.AddAlertAsync("sam", Article("a2"));
        harness.Time.SetUtcNow(Utc("2026-11-26T06:59:00Z"));
        Assert.Empty(await SendDueAsync(harness));

        harness.Time.SetUtcNow(Utc("2026-11-26T07:00:00Z"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
        Assert.Empty(await SendDueAsync(harness));
        var second = Sent(harness).Delivered[1];
        Assert.Contains("Story a2", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Story a1", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daily_AcrossSpringForward_GoesOutAtEightLocalTime()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "daily 08:00", "Europe/Berlin").Build(), start: Utc("2026-03-28T07:30:00Z"));
        await harness.AddAlertAsync("sam", Article("a1"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
        await harness.AddAlertAsync("sam", Article("a2"));

        // Sunday 29 March: 08:00 in Berlin is now 06:00 UTC (CEST), no longer 07:00 UTC (CET).
        harness.Time.SetUtcNow(Utc("2026-03-29T05:59:00Z"));
        Assert.Empty(await SendDueAsync(harness));
        harness.Time.SetUtcNow(Utc("2026-03-29T06:00:00Z"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
    }

    [Fact]
    public async Task Daily_TwoZones_EachGetsItAtTheirOwnEightOClock()
    {
        var config = new ConfigBuilder()
            .WithSubscriber("sam", "daily 08:00", "Europe/Berlin")
            .WithSubscriber("kim", "daily 08:00", "America/New_York")
            .Build();
        var harness = new DigestHarness(config, start: Utc("2026-11-25T20:00:00Z"));
        Assert.Empty(await SendDueAsync(harness));
        await harness.AddAlertAsync("sam", Article("a1"));
        await harness.AddAlertAsync("kim", Article("a1"));

        harness.Time.SetUtcNow(Utc("2026-11-26T07:00:00Z"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
        harness.Time.SetUtcNow(Utc("2026-11-26T12:59:00Z"));
        Assert.Empty(await SendDueAsync(harness));
        harness.Time.SetUtcNow(Utc("2026-11-26T13:00:00Z"));
        Assert.Equal(["kim"], await SendDueAsync(harness));
    }

    [Fact]
    public async Task QuietHours_HoldTheDigestUntilTheyEnd()
    {
        var config = new ConfigBuilder().WithSubscriber("sam", "hourly", "Europe/Berlin", quietHours: "22:00-07:00").Build();
        var harness = new DigestHarness(config, start: Utc("2026-11-25T20:30:00Z"));
        Assert.Empty(await SendDueAsync(harness));

        harness.Time.SetUtcNow(Utc("2026-11-25T21:30:00Z"));
        await harness.AddAlertAsync("sam", Article("a1"));
        Assert.Empty(await SendDueAsync(harness));
        harness.Time.SetUtcNow(Utc("2026-11-26T05:59:00Z"));
        Assert.Empty(await SendDueAsync(harness));

        harness.Time.SetUtcNow(Utc("2026-11-26T06:00:00Z"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
    }

    [Fact]
    public async Task UrgentWatchlist_InQuietHours_GoesOutAtOnceAndIsNotRepeatedInTheDigest()
    {
        var config = new ConfigBuilder().WithSubscriber("sam", "daily 08:00", "Europe/Berlin", quietHours: "22:00-07:00").Build();
        var harness = new DigestHarness(config, start: Utc("2026-11-25T23:00:00Z"));
        var buffer = new UrgentAlertBuffer();
        var processor = new ArticleProcessor(
            harness.Articles, harness.Alerts, new OfflineAnalyzer(), harness.Config, new WatchlistMatcherCache(new QueryMatcher.Factory()),
            buffer, new FeedRecorder(new InMemoryWatchlistFeedStore(), Options.Create(new FeedOptions()), harness.Time), harness.Time, NullLogger<ArticleProcessor>.Instance);
        await harness.Articles.TryAddAsync(new ArticleBuilder().WithId("t1").WithTitle("Tsunami warning for the northern coast").Build(), CancellationToken.None);

        await processor.ProcessAsync("t1", CancellationToken.None);
        Assert.Empty(await SendDueAsync(harness));
        var urgent = await harness.Service.SendAsync(buffer.Drain(), CancellationToken.None);

        var outcome = Assert.Single(urgent);
        Assert.True(outcome.SentNow);
        var email = Assert.Single(Sent(harness).Delivered);
        Assert.True(email.Urgent);
        Assert.Contains("Tsunami warning for the northern coast", email.Text, StringComparison.Ordinal);
        harness.Time.SetUtcNow(Utc("2026-11-26T07:00:00Z"));
        await SendDueAsync(harness);
        Assert.Single(Sent(harness).Delivered);
    }

    [Fact]
    public async Task Instant_IsDueOnlyWithAlertsWaiting()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "instant").Build());
        Assert.Empty(await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));

        await harness.AddAlertAsync("sam", Article("a1"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.AddAlertAsync("sam", Article("a2"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
        Assert.Equal(2, Sent(harness).Delivered.Count);
    }

    [Fact]
    public async Task Unsubscribed_IsNeverDue_AndNeverSent()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "instant").Build());
        await harness.AddAlertAsync("sam", Article("a1"));
        await harness.Unsubscribes.AddAsync("SAM@example.com", harness.Time.GetUtcNow(), CancellationToken.None);

        Assert.Empty(await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        var direct = await harness.Delivery.SendAsync(DigestKey.Urgent("sam", "a1"), CancellationToken.None);

        Assert.False(direct.SentNow);
        Assert.Empty(Sent(harness).Delivered);
    }

    [Fact]
    public async Task NothingWaiting_AtTheSendTime_LaterAlertsWaitForTheNextOne()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "daily 08:00").Build(), start: Utc("2026-11-25T08:05:00Z"));
        Assert.Empty(await SendDueAsync(harness));

        harness.Time.SetUtcNow(Utc("2026-11-25T09:00:00Z"));
        await harness.AddAlertAsync("sam", Article("a1"));
        Assert.Empty(await SendDueAsync(harness));
        harness.Time.SetUtcNow(Utc("2026-11-26T08:00:00Z"));
        Assert.Equal(["sam"], await SendDueAsync(harness));
    }
}
