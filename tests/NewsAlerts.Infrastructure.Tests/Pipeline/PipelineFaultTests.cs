using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.Outbox;
using NewsAlerts.Infrastructure.Sqlite;
using NewsAlerts.Infrastructure.Tests.Digests;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Infrastructure.Tests.Pipeline;

/// <summary>
/// The CLI pipeline (the composed services over one SQLite state folder and an outbox) stopped by an exception at each
/// stage boundary, then run again as a new process would: the seed story reaches its subscriber exactly once and
/// nothing is left half done.
/// </summary>
public sealed class PipelineFaultTests : IDisposable
{
    private readonly SeedPipeline _seeds = new();

    private string Outbox => _seeds.Outbox;

    public void Dispose() => _seeds.Dispose();

    public static TheoryData<string> Points() => [Fault.AfterStoring, Fault.AfterMatching, Fault.WhileWritingTheDigest, Fault.WhileSending];

    [Theory]
    [MemberData(nameof(Points))]
    public async Task StoppedAtAStageBoundary_TheNextRunsDeliverTheSeedStoryExactlyOnce(string point)
    {
        var fault = new Fault(point);
        try
        {
            await RunAsync(fault);
        }
        catch (SimulatedCrashException)
        {
            // The run died at the fault; the next runs are new processes.
        }

        Assert.True(fault.Thrown, $"the fault {point} was never reached");
        await RunAsync(new Fault(null));
        _seeds.Time.Advance(TimeSpan.FromMinutes(16)); // past SendingLease: a digest left sending is the stopped job's
        await RunAsync(new Fault(null));
        _seeds.Time.Advance(TimeSpan.FromDays(1)); // a story matched after today's digest went out waits for tomorrow's
        await RunAsync(new Fault(null));
        var last = await RunAsync(new Fault(null));

        var digests = Directory.GetFiles(Outbox, "*-sam-*.html").Where(f => File.ReadAllText(f).Contains(SeedArticle.Title, StringComparison.Ordinal)).ToList();
        var html = Assert.Single(digests);
        Assert.True(File.Exists(Path.ChangeExtension(html, ".eml")));
        Assert.Empty(Directory.GetFiles(Outbox, "*.partial"));
        Assert.Equal(Directory.GetFiles(Outbox, "*.html").Length, Directory.GetFiles(Outbox, "*.eml").Length);
        Assert.Equal((0, 0), (last.NewArticles, last.Alerts));
        using var host = _seeds.Build();
        Assert.Empty(await host.Services.GetRequiredService<IArticleStore>().GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None));
        Assert.Empty(await host.Services.GetRequiredService<IAlertStore>().GetPendingAsync("sam", CancellationToken.None));
        Assert.Empty(await host.Services.GetRequiredService<IDeliveryLedger>().GetOpenAsync("sam", CancellationToken.None));
    }

    [Fact]
    public async Task UrgentAlertStoredButNotSent_TheNextRunSendsItUrgently_Once()
    {
        var config = _seeds.Folder.File("newsalerts.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"name\": \"EU climate targets\",", "\"name\": \"EU climate targets\", \"urgent\": true,", StringComparison.Ordinal));
        var fault = new Fault(Fault.AfterMatching); // looking for urgent alerts is the first to touch the ledger

        await Assert.ThrowsAsync<SimulatedCrashException>(() => RunAsync(fault));
        Assert.False(Directory.Exists(Outbox));
        await RunAsync(new Fault(null));
        await RunAsync(new Fault(null));

        var subjects = new List<string>();
        foreach (var eml in Directory.GetFiles(Outbox, "*.eml"))
        {
            subjects.Add((await MimeKit.MimeMessage.LoadAsync(eml)).Subject ?? "");
        }

        Assert.Single(subjects, s => s.StartsWith("NewsAlerts urgent:", StringComparison.Ordinal) && s.Contains("EU climate targets", StringComparison.Ordinal));
        Assert.Single(subjects, s => s.Contains("Hamas delegation Russia", StringComparison.Ordinal) && !s.Contains("EU climate", StringComparison.Ordinal));
        Assert.Equal(2, subjects.Count);
    }

    /// <summary>A run as a new <c>newsalerts run</c> process does it, with the fault's wrappers.</summary>
    private Task<RunSummary> RunAsync(Fault fault) => _seeds.RunOnceAsync(services =>
    {
        services.Replace(ServiceDescriptor.Singleton<IArticleStore>(sp => new FaultyArticles(new SqliteArticleStore(sp.GetRequiredService<SqliteDatabase>()), fault)));
        services.Replace(ServiceDescriptor.Singleton<IDeliveryLedger>(sp => new FaultyLedger(new SqliteDeliveryLedger(sp.GetRequiredService<SqliteDatabase>()), fault)));
        services.AddSingleton<IDigestSender>(sp => new FaultySender(sp.GetRequiredService<OutboxDigestSender>(), fault));
    });

    /// <summary>Where the one fault of a run strikes; each point throws once, right after its step's effect is stored.</summary>
    private sealed class Fault(string? point)
    {
        public const string AfterStoring = "after storing an article, before matching it";
        public const string AfterMatching = "after matching, before the digest";
        public const string WhileWritingTheDigest = "while writing the digest";
        public const string WhileSending = "while sending: the provider took it, the ledger does not know";

        public bool Thrown { get; private set; }

        public bool At(string step)
        {
            if (Thrown || point != step)
            {
                return false;
            }

            Thrown = true;
            return true;
        }

        public void ThrowAt(string step)
        {
            if (At(step))
            {
                throw new SimulatedCrashException(step);
            }
        }
    }

    private sealed class FaultyArticles(IArticleStore inner, Fault fault) : DelegatingArticleStore(inner)
    {
        public override async Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken)
        {
            var added = await base.TryAddAsync(article, cancellationToken);
            if (article.Title == SeedArticle.Title)
            {
                fault.ThrowAt(Fault.AfterStoring);
            }

            return added;
        }
    }

    private sealed class FaultyLedger(IDeliveryLedger inner, Fault fault) : IDeliveryLedger
    {
        public Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken) =>
            inner.GetOrAddAsync(initial, cancellationToken);

        /// <summary>The digest stage's first read (finding urgent alerts waiting, or the digests due).</summary>
        public Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken)
        {
            fault.ThrowAt(Fault.AfterMatching);
            return inner.GetAsync(subscriberId, digestId, cancellationToken);
        }

        public Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken) =>
            inner.GetOpenAsync(subscriberId, cancellationToken);

        public Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
            inner.TryUpdateAsync(record, cancellationToken);
    }

    private sealed class FaultySender(IDigestSender inner, Fault fault) : IDigestSender
    {
        public string Name => inner.Name;

        public bool IsIdempotent => inner.IsIdempotent;

        public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
        {
            var receipt = await inner.SendAsync(email, cancellationToken);
            if (fault.At(Fault.WhileWritingTheDigest))
            {
                // What a writer killed between its two renames leaves: the .html and an .eml.partial.
                File.Move(receipt.Locations[0], receipt.Locations[0] + ".partial");
                throw new SimulatedCrashException(Fault.WhileWritingTheDigest);
            }

            fault.ThrowAt(Fault.WhileSending);
            return receipt;
        }
    }
}
