using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Infrastructure.Outbox;
using NewsAlerts.TestSupport.Azure;

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

    private static async Task RunEveryTimerAsync(FunctionsApp app)
    {
        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
    }

    private sealed class StoppedException() : Exception("the worker stopped while writing the digest");

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
