using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.Sqlite;
using NewsAlerts.Infrastructure.Tests.Sqlite;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Infrastructure.Tests.Digests;

/// <summary>
/// The digest job against the real local store: run twice, run concurrently, and killed after each step, it sends
/// each digest at most once and loses no alert. Each "process" is a fresh set of services over the same SQLite file,
/// opening digests in one SQLite transaction as the CLI does (atomic), or write by write as in Azure.
/// </summary>
public sealed class DigestLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] ArticleIds = ["a1", "a2", "a3"];

    private readonly SqliteTestDatabase _database = new();
    private readonly DigestKey _key = DigestKey.Scheduled("sam", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private DigestHarness Process(RecordingSender sender, CrashPlan? plan = null, DateTimeOffset? at = null, bool atomic = true)
    {
        var database = _database.Open();
        plan ??= new CrashPlan(null);
        return new DigestHarness(
            new ConfigBuilder().WithSubscriber("sam").Build(),
            new CrashingSender(sender, plan),
            new CrashingAlertStore(new SqliteAlertStore(database), plan),
            new CrashingLedger(new SqliteDeliveryLedger(database), plan),
            new SqliteUnsubscribeStore(database),
            new SqliteArticleStore(database),
            at ?? Start,
            unitOfWork: atomic ? new SqliteUnitOfWork(database) : new SeparateWrites());
    }

    private async Task SeedAlertsAsync(DigestHarness harness)
    {
        foreach (var id in ArticleIds)
        {
            await harness.AddAlertAsync("sam", new ArticleBuilder().WithId(id).WithTitle($"Story {id}").Build());
        }
    }

    /// <summary>Where each alert ended up: delivered (in which emails), pending, or held by a digest of unknown outcome.</summary>
    private async Task<Accounting> AccountAsync(RecordingSender sender)
    {
        var harness = Process(sender);
        var pending = (await harness.Alerts.GetPendingAsync("sam", CancellationToken.None)).Select(a => a.ArticleId).ToList();
        var record = await harness.Ledger.GetAsync("sam", _key.DigestId, CancellationToken.None);
        var delivered = sender.Delivered.SelectMany(e => ArticleIds.Where(id => e.Text.Contains($"Story {id}", StringComparison.Ordinal))).ToList();
        var unknown = record?.Error?.StartsWith(nameof(DeliveryFailure.OutcomeUnknown), StringComparison.Ordinal) == true ? record.ArticleIds : [];
        return new Accounting(sender.Delivered.Count, delivered, pending, unknown, record?.State);
    }

    private sealed record Accounting(int Emails, List<string> Delivered, List<string> Pending, IReadOnlyList<string> HeldByUnknownOutcome, DeliveryState? State)
    {
        public void AssertNoAlertLost()
        {
            Assert.Equal(Delivered.Distinct().Count(), Delivered.Count);
            Assert.Empty(Delivered.Intersect(Pending));
            Assert.Equal(ArticleIds, Delivered.Union(Pending).Union(HeldByUnknownOutcome).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task SameJobTwice_SendsTheDigestOnce()
    {
        var sender = new RecordingSender();
        await SeedAlertsAsync(Process(sender));

        var first = await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);
        var second = await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);

        Assert.True(first.SentNow);
        Assert.False(second.SentNow);
        Assert.Equal(DeliveryState.Sent, second.State);
        var accounting = await AccountAsync(sender);
        Assert.Equal(1, accounting.Emails);
        Assert.Equal(ArticleIds, accounting.Delivered);
        accounting.AssertNoAlertLost();
    }

    [Theory]
    [MemberData(nameof(Atomic))]
    public async Task SameJobConcurrently_SendsTheDigestOnce(bool atomic)
    {
        var sender = new RecordingSender { InFlight = () => Task.Delay(20) };
        await SeedAlertsAsync(Process(sender));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Process(sender, atomic: atomic).Delivery.SendAsync(_key, CancellationToken.None))));

        Assert.Single(outcomes, o => o.SentNow);
        var accounting = await AccountAsync(sender);
        Assert.Equal(1, accounting.Emails);
        accounting.AssertNoAlertLost();
        Assert.Empty(accounting.Pending);
    }

    [Fact]
    public async Task ManySubscribers_SentSideBySide_EachInItsOwnTransaction_AllGoOutOnce()
    {
        // DigestService runs several digests at once, each opening its own write transaction (BEGIN IMMEDIATE): they
        // must queue for SQLite's write lock, not fail busy or deadlock, whatever the non-idempotent marks do meanwhile.
        var subscribers = Enumerable.Range(0, 40).Select(i => $"s{i:00}").ToList();
        var config = new ConfigBuilder();
        subscribers.ForEach(id => config.WithSubscriber(id));
        var database = _database.Open();
        var sender = new RecordingSender { IsIdempotent = false, InFlight = () => Task.Delay(2) };
        DigestHarness NewProcess() => new(
            config.Build(), sender, new SqliteAlertStore(database), new SqliteDeliveryLedger(database), new SqliteUnsubscribeStore(database),
            new SqliteArticleStore(database), Start, unitOfWork: new SqliteUnitOfWork(database));
        var seeding = NewProcess();
        foreach (var id in subscribers)
        {
            await seeding.AddAlertAsync(id, new ArticleBuilder().WithId($"a-{id}").WithTitle($"Story for {id}").Build());
        }

        var outcomes = await NewProcess().Service.SendDueAsync(CancellationToken.None);
        var again = await NewProcess().Service.SendDueAsync(CancellationToken.None);

        Assert.Equal(subscribers.Count, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.SentNow, $"{o.Key.SubscriberId}: {o.Detail}"));
        Assert.Empty(again);
        Assert.Equal(subscribers, sender.Delivered.Select(e => e.SubscriberId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AlertArrivingWhileAnotherJobSends_IsNotLost()
    {
        var sender = new RecordingSender();
        var seeding = Process(sender);
        await SeedAlertsAsync(seeding);
        var late = new ArticleBuilder().WithId("late").WithTitle("Story late").Build();
        sender.InFlight = async () =>
        {
            sender.InFlight = null;
            await seeding.AddAlertAsync("sam", late);
            await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);
        };

        await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);

        Assert.Single(sender.Delivered);
        Assert.Equal(["late"], (await seeding.Alerts.GetPendingAsync("sam", CancellationToken.None)).Select(a => a.ArticleId));
    }

    public static TheoryData<string, bool> Steps()
    {
        var steps = new TheoryData<string, bool>();
        foreach (var step in CrashPlan.Steps)
        {
            steps.Add(step, true);
            steps.Add(step, false);
        }

        return steps;
    }

    public static TheoryData<bool> Atomic() => [true, false];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task CrashAfterEachStep_IdempotentProvider_DeliversExactlyOnceAndLosesNothing(string step, bool atomic)
    {
        var sender = new RecordingSender { IsIdempotent = true };
        await SeedAlertsAsync(Process(sender));

        await Assert.ThrowsAsync<SimulatedCrashException>(() => Process(sender, new CrashPlan(step), atomic: atomic).Delivery.SendAsync(_key, CancellationToken.None));
        await Process(sender, atomic: atomic, at: Start.AddMinutes(16)).Delivery.SendAsync(_key, CancellationToken.None);
        await Process(sender, atomic: atomic, at: Start.AddMinutes(40)).Delivery.SendAsync(_key, CancellationToken.None);

        var accounting = await AccountAsync(sender);
        Assert.Equal(1, accounting.Emails);
        Assert.Equal(ArticleIds, accounting.Delivered.Order(StringComparer.Ordinal));
        Assert.Equal(DeliveryState.Sent, accounting.State);
        accounting.AssertNoAlertLost();
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task CrashAfterEachStep_NonIdempotentProvider_DeliversAtMostOnceAndLosesNothing(string step, bool atomic)
    {
        var sender = new RecordingSender { IsIdempotent = false };
        await SeedAlertsAsync(Process(sender));

        await Assert.ThrowsAsync<SimulatedCrashException>(() => Process(sender, new CrashPlan(step), atomic: atomic).Delivery.SendAsync(_key, CancellationToken.None));
        var early = await Process(sender, atomic: atomic, at: Start.AddMinutes(1)).Delivery.SendAsync(_key, CancellationToken.None);
        await Process(sender, atomic: atomic, at: Start.AddMinutes(16)).Delivery.SendAsync(_key, CancellationToken.None);
        await Process(sender, atomic: atomic, at: Start.AddMinutes(40)).Delivery.SendAsync(_key, CancellationToken.None);

        var accounting = await AccountAsync(sender);
        Assert.True(accounting.Emails <= 1, $"sent {accounting.Emails} times");
        accounting.AssertNoAlertLost();
        // Atomic, a crash up to the move to Sending undoes it; write by write, that move stands.
        var crashedBeforeSending = Array.IndexOf(CrashPlan.Steps, step) < Array.IndexOf(CrashPlan.Steps, atomic ? CrashPlan.SenderCalled : CrashPlan.MarkedSending);
        if (crashedBeforeSending)
        {
            Assert.True(early.SentNow);
            Assert.Equal(ArticleIds, accounting.Delivered);
        }
        else if (accounting.Emails == 0)
        {
            // Died between taking the digest and the provider's answer: it may have gone out, so it is not sent again.
            Assert.Equal(ArticleIds, accounting.HeldByUnknownOutcome);
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task CrashAfterEachStep_TheNextDaysRun_FinishesTheStoppedDigestAndDeliversEveryAlertOnce(string step, bool atomic)
    {
        var sender = new RecordingSender { IsIdempotent = true };
        await SeedAlertsAsync(Process(sender));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Process(sender, new CrashPlan(step), atomic: atomic).Delivery.SendAsync(_key, CancellationToken.None));

        var nextDay = Process(sender, at: Start.AddDays(1), atomic: atomic);
        await nextDay.Service.SendDueAsync(CancellationToken.None);
        await Process(sender, at: Start.AddDays(1).AddHours(1), atomic: atomic).Service.SendDueAsync(CancellationToken.None);

        var delivered = sender.Delivered.SelectMany(e => ArticleIds.Where(id => e.Text.Contains($"Story {id}", StringComparison.Ordinal))).ToList();
        Assert.Equal(ArticleIds, delivered.Order(StringComparer.Ordinal));
        Assert.Empty(await nextDay.Alerts.GetPendingAsync("sam", CancellationToken.None));
        Assert.Empty(await nextDay.Ledger.GetOpenAsync("sam", CancellationToken.None));
        // The alerts the stopped digest held go out under its own id, not in the next day's digest. A digest stopped
        // inside its unit of work held none: its claim was undone with the rest.
        var heldBeforeTheCrash = Array.IndexOf(CrashPlan.Steps, step) >= Array.IndexOf(CrashPlan.Steps, atomic ? CrashPlan.SenderCalled : CrashPlan.AlertsClaimed);
        var sent = Assert.Single(sender.Delivered);
        Assert.Equal(heldBeforeTheCrash, sent.Id == _key.DigestId);
    }

    [Theory]
    [InlineData(CrashPlan.LedgerAdded)]
    [InlineData(CrashPlan.AlertsClaimed)]
    [InlineData(CrashPlan.MarkedSending)]
    public async Task CrashInsideTheUnitOfWork_LeavesNoTrace_AndTheNextRunSendsItOnce_WithoutWaitingForALease(string step)
    {
        var sender = new RecordingSender { IsIdempotent = false };
        await SeedAlertsAsync(Process(sender));

        await Assert.ThrowsAsync<SimulatedCrashException>(() => Process(sender, new CrashPlan(step)).Delivery.SendAsync(_key, CancellationToken.None));
        var left = Process(sender);
        var record = await left.Ledger.GetAsync("sam", _key.DigestId, CancellationToken.None);
        var pending = await left.Alerts.GetPendingAsync("sam", CancellationToken.None);
        var next = await Process(sender, at: Start.AddMinutes(1)).Delivery.SendAsync(_key, CancellationToken.None);
        var again = await Process(sender, at: Start.AddMinutes(40)).Delivery.SendAsync(_key, CancellationToken.None);

        Assert.Null(record);
        Assert.Equal(ArticleIds, pending.Select(a => a.ArticleId));
        Assert.True(next.SentNow);
        Assert.False(again.SentNow);
        var accounting = await AccountAsync(sender);
        Assert.Equal((1, DeliveryState.Sent), (accounting.Emails, accounting.State));
        Assert.Equal(ArticleIds, accounting.Delivered);
        accounting.AssertNoAlertLost();
    }

    [Fact]
    public async Task PermanentRefusal_IsRecordedNotRetried_AndItsAlertsAreNotSentAgain()
    {
        var sender = new RecordingSender { Refuse = _ => new DeliveryException(DeliveryFailure.Permanent, "400 invalid address") };
        await SeedAlertsAsync(Process(sender));

        var outcome = await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);
        sender.Refuse = null;
        var again = await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);
        var next = DigestKey.Scheduled("sam", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var nextOutcome = await Process(sender).Delivery.SendAsync(next, CancellationToken.None);

        Assert.Equal(DeliveryState.Failed, outcome.State);
        Assert.Contains("400 invalid address", outcome.Detail, StringComparison.Ordinal);
        Assert.False(again.SentNow);
        Assert.False(nextOutcome.SentNow);
        Assert.Empty(sender.Delivered);
    }

    [Fact]
    public async Task TransientFailure_HandsItsAlertsToTheNextDigest()
    {
        var sender = new RecordingSender { Refuse = _ => new DeliveryException(DeliveryFailure.Transient, "503 after 4 attempts") };
        await SeedAlertsAsync(Process(sender));

        var outcome = await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);
        sender.Refuse = null;
        var next = DigestKey.Scheduled("sam", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var nextOutcome = await Process(sender).Delivery.SendAsync(next, CancellationToken.None);

        Assert.Equal(DeliveryState.Failed, outcome.State);
        Assert.True(nextOutcome.SentNow);
        Assert.Equal(next.DigestId, Assert.Single(sender.Delivered).Id);
    }

    [Fact]
    public async Task OutcomeUnknown_IsNeverResent()
    {
        var sender = new RecordingSender { Refuse = _ => new DeliveryException(DeliveryFailure.OutcomeUnknown, "timed out waiting for the answer") };
        await SeedAlertsAsync(Process(sender));

        var outcome = await Process(sender).Delivery.SendAsync(_key, CancellationToken.None);
        sender.Refuse = null;
        await Process(sender, at: Start.AddHours(1)).Delivery.SendAsync(_key, CancellationToken.None);
        var next = DigestKey.Scheduled("sam", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var nextOutcome = await Process(sender).Delivery.SendAsync(next, CancellationToken.None);

        Assert.Equal(DeliveryState.Failed, outcome.State);
        Assert.Contains("at most once", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(sender.Delivered);
        Assert.Equal(DeliveryState.Empty, nextOutcome.State);
        (await AccountAsync(sender)).AssertNoAlertLost();
    }
}
