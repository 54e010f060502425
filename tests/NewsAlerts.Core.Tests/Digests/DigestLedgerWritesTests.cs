using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Digests;

/// <summary>
/// What a digest writes, and when: the Pending record, the claim and the move to Sending in one unit of work committed
/// before any hand-over; a durable Sending mark only where it keeps a promise (a destination that is not idempotent);
/// the last destination's outcome in the same write as the final state. Each ledger write rewrites the whole record.
/// </summary>
public sealed class DigestLedgerWritesTests
{
    private static readonly DigestKey Key = DigestKey.Scheduled("ops", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    private readonly List<string> _events = [];
    private readonly LoggingUnitOfWork _unitOfWork;

    public DigestLedgerWritesTests() => _unitOfWork = new LoggingUnitOfWork(_events);

    private DigestHarness Setup(RecordingSender email, string[]? channels = null)
    {
        var config = new ConfigBuilder()
            .WithChannel("ops-slack", "slack")
            .WithChannel("crm", "webhook")
            .WithChannelSubscriber("ops", channels ?? [], email: true, "daily 08:00")
            .Build();
        email.InFlight = () =>
        {
            _events.Add("hand over email");
            return Task.CompletedTask;
        };
        return new DigestHarness(
            config,
            email,
            new LoggingAlertStore(new InMemoryAlertStore(), _events),
            new LoggingLedger(new InMemoryDeliveryLedger(), _events),
            unitOfWork: _unitOfWork);
    }

    private static async Task<DigestOutcome> SendOneAsync(DigestHarness harness)
    {
        await harness.AddAlertAsync("ops", new ArticleBuilder().WithId("a1").WithTitle(SeedArticle.Title).Build());
        return await harness.Delivery.SendAsync(Key, CancellationToken.None);
    }

    [Fact]
    public async Task OutboxDigest_ThreeLedgerWrites_TwoOfThemInTheUnitOfWork_NoneDurable()
    {
        var harness = Setup(new RecordingSender { IsIdempotent = true });

        var outcome = await SendOneAsync(harness);

        Assert.True(outcome.SentNow);
        Assert.Equal(
            ["begin", "add Pending", "claim", "update Sending", "commit", "end", "hand over email", "update Sent", "release"],
            _events);
        var email = Assert.Single((await harness.Ledger.GetAsync("ops", Key.DigestId, CancellationToken.None))!.Destinations);
        Assert.Equal((DeliveryState.Sent, 1), (email.State, email.Attempts));
    }

    [Fact]
    public async Task NonIdempotentEmail_IsMarkedSendingDurablyBeforeItsHandOver_ThenFinishedInOneWrite()
    {
        var harness = Setup(new RecordingSender { IsIdempotent = false });

        await SendOneAsync(harness);

        Assert.Equal(
            ["begin", "add Pending", "claim", "update Sending", "commit", "end", "update Sending durable", "hand over email", "update Sent", "release"],
            _events);
    }

    [Fact]
    public async Task SeveralDestinations_EachOutcomeButTheLastIsItsOwnWrite_OnlyTheSlackChannelIsMarked()
    {
        var harness = Setup(new RecordingSender { IsIdempotent = true }, ["ops-slack", "crm"]);

        await SendOneAsync(harness);

        // email (outbox): outcome; Slack: durable mark, outcome; the webhook: outcome with the final state.
        Assert.Equal(
            ["update Sending", "update Sending durable", "update Sending", "update Sent", "release"],
            _events.SkipWhile(e => e != "hand over email").Skip(1));
    }

    [Fact]
    public async Task UnitOfWorkFailing_BeforeItsCommit_HandsNothingOver()
    {
        var email = new RecordingSender { IsIdempotent = true };
        var harness = Setup(email);
        _unitOfWork.FailCommit = true;

        await Assert.ThrowsAsync<IOException>(() => SendOneAsync(harness));

        Assert.Empty(email.Delivered);
        Assert.Equal("end", _events[^1]);
    }

    /// <summary>Logs begin, commit and end; can fail its commit, as a full disk would.</summary>
    [Fact]
    public async Task AlertArrivingAfterTheArticlesWereReadAhead_IsComposedWithItsStoryToo()
    {
        var email = new RecordingSender { IsIdempotent = true };
        var harness = Setup(email);
        _unitOfWork.OnBegin = async () =>
        {
            _unitOfWork.OnBegin = null;
            await harness.AddAlertAsync("ops", new ArticleBuilder().WithId("late").WithTitle("A late story about a Hamas delegation in Russia").Build());
        };

        var outcome = await SendOneAsync(harness);

        Assert.Equal(["a1", "late"], (await harness.Ledger.GetAsync("ops", Key.DigestId, CancellationToken.None))!.ArticleIds.Order(StringComparer.Ordinal));
        Assert.Contains("A late story about a Hamas delegation in Russia", Assert.Single(email.Delivered).Text, StringComparison.Ordinal);
        Assert.True(outcome.SentNow);
    }

    private sealed class LoggingUnitOfWork(List<string> events) : IUnitOfWork, IUnitOfWorkScope
    {
        public bool FailCommit { get; set; }

        /// <summary>Run as the unit begins: stands for what happens between reading ahead and the unit.</summary>
        public Func<Task>? OnBegin { get; set; }

        public bool IsAtomic => true;

        public async Task<IUnitOfWorkScope> BeginAsync(CancellationToken cancellationToken)
        {
            events.Add("begin");
            await (OnBegin?.Invoke() ?? Task.CompletedTask);
            return this;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            if (FailCommit)
            {
                throw new IOException("disk full");
            }

            events.Add("commit");
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            events.Add("end");
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Logs each ledger write with the state it writes, and whether it must be durable.</summary>
    private sealed class LoggingLedger(IDeliveryLedger inner, List<string> events) : IDeliveryLedger
    {
        public async Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken)
        {
            events.Add($"add {initial.State}");
            return await inner.GetOrAddAsync(initial, cancellationToken);
        }

        public Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken) =>
            inner.GetAsync(subscriberId, digestId, cancellationToken);

        public Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken) =>
            inner.GetOpenAsync(subscriberId, cancellationToken);

        public Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
            TryUpdateAsync(record, durable: false, cancellationToken);

        public Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, bool durable, CancellationToken cancellationToken)
        {
            events.Add($"update {record.State}{(durable ? " durable" : "")}");
            return inner.TryUpdateAsync(record, cancellationToken);
        }
    }

    /// <summary>Logs claims and releases.</summary>
    private sealed class LoggingAlertStore(IAlertStore inner, List<string> events) : IAlertStore
    {
        public Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.AddAsync(alerts, cancellationToken);

        public Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken) =>
            inner.GetPendingAsync(subscriberId, cancellationToken);

        public Task<IReadOnlyList<Alert>> ClaimAsync(string subscriberId, string digestId, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken)
        {
            events.Add("claim");
            return inner.ClaimAsync(subscriberId, digestId, articleIds, cancellationToken);
        }

        public Task ReleaseAsync(string subscriberId, string digestId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
        {
            events.Add("release");
            return inner.ReleaseAsync(subscriberId, digestId, keep, cancellationToken);
        }

        public Task<IReadOnlySet<string>> GetClustersHeldElsewhereAsync(string subscriberId, string digestId, IReadOnlyCollection<string> clusterIds, CancellationToken cancellationToken) =>
            inner.GetClustersHeldElsewhereAsync(subscriberId, digestId, clusterIds, cancellationToken);
    }
}
