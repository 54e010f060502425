using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Delivery;
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
        var urgent = new StoredUrgentAlerts(harness.Alerts, harness.Ledger);
        var processor = new ArticleProcessor(
            harness.Articles, harness.Alerts, new OfflineAnalyzer(), harness.Config, new WatchlistMatcherCache(new QueryMatcher.Factory()),
            urgent, new FeedRecorder(new InMemoryWatchlistFeedStore(), Options.Create(new FeedOptions()), harness.Time), harness.Time, NullLogger<ArticleProcessor>.Instance);
        await harness.Articles.TryAddAsync(new ArticleBuilder().WithId("t1").WithTitle("Tsunami warning for the northern coast").Build(), CancellationToken.None);

        await processor.ProcessAsync("t1", CancellationToken.None);
        Assert.Empty(await SendDueAsync(harness));
        var sent = await harness.Service.SendAsync(await urgent.FindWaitingAsync(config, CancellationToken.None), CancellationToken.None);

        var outcome = Assert.Single(sent);
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

    [Fact]
    public async Task Instant_SecondRunInTheSameMinute_DeliversTheNewMatches()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "instant").Build(), start: Utc("2026-11-25T12:00:05Z"));
        await harness.AddAlertAsync("sam", Article("a1"));
        Assert.Equal(["sam"], await SendDueAsync(harness));

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.AddAlertAsync("sam", Article("a2"));

        Assert.Equal(["sam"], await SendDueAsync(harness));
        Assert.Empty(await SendDueAsync(harness));
        Assert.Equal(2, Sent(harness).Delivered.Count);
        Assert.Contains("Story a2", Sent(harness).Delivered[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Story a1", Sent(harness).Delivered[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instant_SameBatchFoundTwice_NamesOneDigest_AndSendsItOnce()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "instant").Build());
        await harness.AddAlertAsync("sam", Article("a1"));

        var first = Assert.Single(await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var second = Assert.Single(await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        await harness.Service.SendAsync([first, second], CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Sent(harness).Delivered);
    }

    [Fact]
    public async Task Instant_FailedSends_HandTheBatchBack_AndALaterRunSendsItUnderANewId()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "instant").Build());
        var sender = Sent(harness);
        await harness.AddAlertAsync("sam", Article("a1"));
        var refusals = 0;
        sender.Refuse = _ => ++refusals <= 5 ? new DeliveryException(DeliveryFailure.Transient, "503 busy") : null;

        var sentIds = new List<string>();
        for (var run = 0; run < 6; run++)
        {
            var outcomes = await harness.Service.SendDueAsync(CancellationToken.None);
            sentIds.AddRange(outcomes.Where(o => o.SentNow).Select(o => o.Key.DigestId));
        }

        var email = Assert.Single(sender.Delivered);
        Assert.Contains("Story a1", email.Text, StringComparison.Ordinal);
        Assert.Equal(DigestKey.Instant("sam", ["a1"], 5).DigestId, Assert.Single(sentIds));
        Assert.Empty(await harness.Alerts.GetPendingAsync("sam", CancellationToken.None));
        Assert.Empty(await harness.Service.SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StoppedDigestOfAnEarlierPeriod_IsDueOnceItsLeaseHasPassed_UnderItsOwnId()
    {
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam", "daily 08:00").Build(), new RecordingSender { IsIdempotent = true }, start: Utc("2026-11-25T08:00:00Z"));
        var yesterday = DigestKey.Scheduled("sam", ScheduleKind.Daily, Utc("2026-11-24T08:00:00Z"));
        await harness.AddAlertAsync("sam", Article("a1"));
        await harness.AddAlertAsync("sam", Article("a2"));
        var record = await harness.Ledger.GetOrAddAsync(
            new DeliveryRecord { DigestId = yesterday.DigestId, SubscriberId = "sam", Period = yesterday.Period, CreatedAt = Utc("2026-11-24T08:00:00Z"), UpdatedAt = Utc("2026-11-25T07:50:00Z") },
            CancellationToken.None);
        await harness.Alerts.ClaimAsync("sam", yesterday.DigestId, ["a1"], CancellationToken.None);
        await harness.Ledger.TryUpdateAsync(record with { State = DeliveryState.Sending, ArticleIds = ["a1"] }, CancellationToken.None);

        var today = DigestKey.Scheduled("sam", ScheduleKind.Daily, Utc("2026-11-25T08:00:00Z"));
        Assert.Equal([today], await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        harness.Time.SetUtcNow(Utc("2026-11-25T08:05:00Z"));
        Assert.Equal([today, yesterday], await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));

        var outcomes = await harness.Service.SendDueAsync(CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.SentNow));
        var emails = Sent(harness).Delivered.ToDictionary(e => e.Id);
        Assert.Contains("Story a2", emails[today.DigestId].Text, StringComparison.Ordinal);
        Assert.Contains("Story a1", emails[yesterday.DigestId].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Story a2", emails[yesterday.DigestId].Text, StringComparison.Ordinal);
        Assert.Empty(await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task StoppedUrgentAlert_IsResumedEvenInQuietHours_AStoppedDigestWaitsForThemToEnd()
    {
        var config = new ConfigBuilder().WithSubscriber("sam", "daily 08:00", quietHours: "22:00-07:00").Build();
        var harness = new DigestHarness(config, start: Utc("2026-11-25T23:00:00Z"));
        var urgent = DigestKey.Urgent("sam", "t1");
        var digest = DigestKey.Scheduled("sam", ScheduleKind.Daily, Utc("2026-11-25T08:00:00Z"));
        foreach (var key in new[] { urgent, digest })
        {
            await harness.Ledger.GetOrAddAsync(
                new DeliveryRecord { DigestId = key.DigestId, SubscriberId = "sam", Period = key.Period, CreatedAt = Utc("2026-11-25T21:00:00Z"), UpdatedAt = Utc("2026-11-25T21:00:00Z") },
                CancellationToken.None);
        }

        Assert.Equal([urgent], await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        harness.Time.SetUtcNow(Utc("2026-11-26T07:00:00Z"));
        Assert.Contains(digest, await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task OneDigestStoppingOnAnError_DoesNotStopTheOthers_AndALaterRunFinishesIt()
    {
        var config = new ConfigBuilder().WithSubscriber("sam", "instant").WithSubscriber("kim", "instant").Build();
        var harness = new DigestHarness(config, new RecordingSender { IsIdempotent = true });
        await harness.AddAlertAsync("sam", Article("a1"));
        await harness.AddAlertAsync("kim", Article("a1"));
        var full = true;
        Sent(harness).Refuse = e => e.SubscriberId == "sam" && full ? new IOException("No space left on device : 'outbox/x.eml.partial'") : null;

        var first = await harness.Service.SendDueAsync(CancellationToken.None);
        full = false;
        harness.Time.Advance(TimeSpan.FromMinutes(15));
        var later = await harness.Service.SendDueAsync(CancellationToken.None);

        Assert.True(first.Single(o => o.Key.SubscriberId == "sam").Interrupted);
        Assert.Contains("No space left on device", first.Single(o => o.Key.SubscriberId == "sam").Detail, StringComparison.Ordinal);
        Assert.True(first.Single(o => o.Key.SubscriberId == "kim").SentNow);
        Assert.True(Assert.Single(later).SentNow);
        Assert.Equal(["kim", "sam"], Sent(harness).Delivered.Select(e => e.SubscriberId));
    }
}
