using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.Infrastructure.Outbox;
using NewsAlerts.TestSupport.Azure;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Functions.Tests.EndToEnd;

/// <summary>
/// Work a stopped function left unfinished is finished by a later run, through real queues, tables and blobs (Azurite):
/// faults are thrown from a store, a queue or the sender at a stage boundary, then the timers run again.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RecoveryTests(AzuriteFixture azurite)
{
    private const string SeedTitle = "Israel demanded the expulsion of Hamas representatives from Russia";

    private static readonly DigestKey Daily = DigestKey.Scheduled("sam", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DigestStoppedWhileBeingWritten_IsCompletedByALaterRun_Once()
    {
        var sender = new StopsOnceWhileWriting();
        await using var app = await FunctionsApp.StartAsync(azurite, services: s =>
            s.AddSingleton<IDigestSender>(sp => sender.Wrapping(sp.GetRequiredService<OutboxDigestSender>())));

        await RunEveryTimerAsync(app);
        Assert.Single(app.Queues.Failures, f => f.Error is StoppedException);
        var ledger = app.Services.GetRequiredService<IDeliveryLedger>();
        Assert.Equal(DeliveryState.Sending, (await ledger.GetAsync("sam", Daily.DigestId, CancellationToken.None))!.State);
        Assert.Empty(Directory.GetFiles(app.Outbox, "*.eml"));

        // The next day: today's digest has nothing of its own; the one stopped yesterday goes out under its own id.
        app.Time.Advance(TimeSpan.FromDays(1));
        await RunEveryTimerAsync(app);
        app.Time.Advance(TimeSpan.FromHours(1));
        await RunEveryTimerAsync(app);

        var eml = Assert.Single(Directory.GetFiles(app.Outbox, "*.eml"));
        Assert.EndsWith($"-sam-{Daily.DigestId}.eml", eml, StringComparison.Ordinal);
        Assert.Contains(SeedTitle, await File.ReadAllTextAsync(Path.ChangeExtension(eml, ".html")), StringComparison.Ordinal);
        Assert.Equal(["eml", "html"], Directory.GetFiles(app.Outbox).Select(f => Path.GetExtension(f)[1..]).Order(StringComparer.Ordinal));
        Assert.Equal(DeliveryState.Sent, (await ledger.GetAsync("sam", Daily.DigestId, CancellationToken.None))!.State);
        Assert.Empty(await ledger.GetOpenAsync("sam", CancellationToken.None));
        Assert.Empty(await app.Services.GetRequiredService<IAlertStore>().GetPendingAsync("sam", CancellationToken.None));
    }

    [Fact]
    public async Task ArticleWhoseQueueMessageWasLost_IsMatchedByTheSweepOnceItsLeaseHasPassed()
    {
        var queue = new LosingArticleQueue();
        await using var app = await FunctionsApp.StartAsync(azurite, services: s =>
            s.AddSingleton<IArticleQueue>(sp => queue.Wrapping(ActivatorUtilities.CreateInstance<StorageArticleQueue>(sp))));

        await RunEveryTimerAsync(app);
        Assert.Equal(0, app.ArticleMessages);
        Assert.False(Directory.Exists(app.Outbox));
        queue.Losing = false;

        app.Time.Advance(TimeSpan.FromMinutes(14));
        await SweepAsync(app);
        Assert.Equal(0, app.ArticleMessages);
        app.Time.Advance(TimeSpan.FromMinutes(1)); // the lease (NewsAlerts:Sweep:Lease, 15 min) has passed
        await SweepAsync(app);
        Assert.Equal(7, app.ArticleMessages);
        app.Time.Advance(TimeSpan.FromDays(1)); // today's digest went out empty at the first run: they wait for tomorrow's
        await RunEveryTimerAsync(app);
        await SweepAsync(app);

        Assert.Equal(7, app.ArticleMessages);
        var html = Assert.Single(Directory.GetFiles(app.Outbox, "*-sam-*.html"));
        Assert.Contains(SeedTitle, await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        Assert.Empty(app.Queues.Failures);
    }

    [Fact]
    public async Task ArticleStoppedAfterItsAlertsWereStored_IsRetried_AndGivesOneAlert()
    {
        var articles = new StopsOnceBeforeMarkingMatched();
        await using var app = await FunctionsApp.StartAsync(azurite, services: s =>
            s.AddSingleton<IArticleStore>(sp => articles.Wrapping(ActivatorUtilities.CreateInstance<BlobArticleStore>(sp))));

        await RunEveryTimerAsync(app);

        Assert.Single(app.Queues.Failures, f => f.Error is StoppedException);
        Assert.Equal(8, app.ArticleMessages); // the failed message once more
        var html = Assert.Single(Directory.GetFiles(app.Outbox, "*-sam-*.html"));
        Assert.Equal(1, CountOf(SeedTitle, await File.ReadAllTextAsync(html)));
        Assert.Empty(await app.Services.GetRequiredService<IArticleStore>().GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task DigestTakenByTheProviderBeforeTheLedgerKnew_IsRecordedSentByALaterRun_NotSentTwice()
    {
        var sender = new StopsOnceAfterSending();
        await using var app = await FunctionsApp.StartAsync(azurite, services: s =>
            s.AddSingleton<IDigestSender>(sp => sender.Wrapping(sp.GetRequiredService<OutboxDigestSender>())));

        await RunEveryTimerAsync(app);
        Assert.Single(app.Queues.Failures, f => f.Error is StoppedException);
        app.Time.Advance(TimeSpan.FromMinutes(16));
        await RunEveryTimerAsync(app);
        app.Time.Advance(TimeSpan.FromDays(1));
        await RunEveryTimerAsync(app);

        Assert.Equal($"-sam-{Daily.DigestId}.eml", Path.GetFileName(Assert.Single(Directory.GetFiles(app.Outbox, "*.eml")))[15..]);
        var ledger = app.Services.GetRequiredService<IDeliveryLedger>();
        Assert.Equal(DeliveryState.Sent, (await ledger.GetAsync("sam", Daily.DigestId, CancellationToken.None))!.State);
        Assert.Empty(await ledger.GetOpenAsync("sam", CancellationToken.None));
    }

    private static async Task SweepAsync(FunctionsApp app)
    {
        await app.Create<RequeueUnmatchedArticlesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
    }

    private static int CountOf(string text, string within) => within.Split(text).Length - 1;

    private static async Task RunEveryTimerAsync(FunctionsApp app)
    {
        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
    }

    private sealed class StoppedException() : Exception("the worker stopped");

    /// <summary>While <see cref="Losing"/>, drops article messages, as a worker stopped between storing articles and queueing them would.</summary>
    private sealed class LosingArticleQueue
    {
        public bool Losing { get; set; } = true;

        public IArticleQueue Wrapping(IArticleQueue queue) => new Queue(this, queue);

        private sealed class Queue(LosingArticleQueue owner, IArticleQueue inner) : IArticleQueue
        {
            public Task EnqueueAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken) =>
                owner.Losing ? Task.CompletedTask : inner.EnqueueAsync(articleIds, cancellationToken);
        }
    }

    /// <summary>The first article's processing stops after its alerts are stored, before it is marked matched.</summary>
    private sealed class StopsOnceBeforeMarkingMatched
    {
        private int _stopped;

        public IArticleStore Wrapping(IArticleStore store) => new Store(this, store);

        private sealed class Store(StopsOnceBeforeMarkingMatched owner, IArticleStore inner) : DelegatingArticleStore(inner)
        {
            public override Task MarkMatchedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
                Interlocked.Exchange(ref owner._stopped, 1) == 0 ? throw new StoppedException() : base.MarkMatchedAsync(id, at, cancellationToken);
        }
    }

    /// <summary>The first send reaches the provider, then the worker stops before the ledger records it.</summary>
    private sealed class StopsOnceAfterSending
    {
        private int _stopped;

        public IDigestSender Wrapping(IDigestSender inner) => new Sender(this, inner);

        private sealed class Sender(StopsOnceAfterSending owner, IDigestSender inner) : IDigestSender
        {
            public string Name => inner.Name;

            public bool IsIdempotent => inner.IsIdempotent;

            public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
            {
                var receipt = await inner.SendAsync(email, cancellationToken);
                return Interlocked.Exchange(ref owner._stopped, 1) == 0 ? throw new StoppedException() : receipt;
            }
        }
    }

    /// <summary>The first send leaves what a killed writer leaves (an .html without its .eml, a partial) and throws.</summary>
    private sealed class StopsOnceWhileWriting
    {
        private int _stopped;

        public IDigestSender Wrapping(OutboxDigestSender outbox) => new Sender(this, outbox);

        private sealed class Sender(StopsOnceWhileWriting owner, OutboxDigestSender outbox) : IDigestSender
        {
            public string Name => outbox.Name;

            public bool IsIdempotent => outbox.IsIdempotent;

            public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
            {
                if (Interlocked.Exchange(ref owner._stopped, 1) == 1)
                {
                    return await outbox.SendAsync(email, cancellationToken);
                }

                var receipt = await outbox.SendAsync(email, cancellationToken);
                File.Move(receipt.Locations[0], receipt.Locations[0] + ".partial");
                throw new StoppedException();
            }
        }
    }
}
