using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Core.Unsubscribe;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.TestSupport.Digests;

/// <summary>The digest services wired over given stores (in memory unless a test passes real ones) and a fake clock.</summary>
public sealed class DigestHarness
{
    public const string Secret = "test-secret-test-secret-test-secret-0123";

    public DigestHarness(
        NewsAlertsConfig config,
        IDigestSender? sender = null,
        IAlertStore? alerts = null,
        IDeliveryLedger? ledger = null,
        IUnsubscribeStore? unsubscribes = null,
        IArticleStore? articles = null,
        DateTimeOffset? start = null,
        IChannelSender? channels = null,
        IUnitOfWork? unitOfWork = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        Config = new FixedConfigProvider(config);
        Sender = sender ?? new RecordingSender();
        Channels = channels ?? new RecordingChannelSender();
        Alerts = alerts ?? new InMemoryAlertStore();
        Ledger = ledger ?? new InMemoryDeliveryLedger();
        Unsubscribes = unsubscribes ?? new InMemoryUnsubscribeStore();
        Articles = articles ?? new InMemoryArticleStore();
        var host = Options.Create(new NewsAlertsOptions { FromAddress = "alerts@example.com", PublicBaseUrl = "https://alerts.example.com" });
        Tokens = new UnsubscribeTokens(Options.Create(new UnsubscribeOptions { Secret = Secret }), host, Time);
        Scheduler = new DigestScheduler(Config, Ledger, Alerts, Unsubscribes, DeliveryOptions);
        Delivery = new DigestDelivery(Alerts, Articles, Ledger, Unsubscribes, Config, new DigestComposer(), new DigestDestinations(Sender, Channels), Tokens, host, DeliveryOptions, unitOfWork ?? new SeparateWrites(), Time, NullLogger<DigestDelivery>.Instance);
        Service = new DigestService(Scheduler, Delivery, new StageTimings(Time), Time);
    }

    public FakeTimeProvider Time { get; }

    public FixedConfigProvider Config { get; }

    public IDigestSender Sender { get; }

    public IChannelSender Channels { get; }

    public IAlertStore Alerts { get; }

    public IDeliveryLedger Ledger { get; }

    public IUnsubscribeStore Unsubscribes { get; }

    public IArticleStore Articles { get; }

    public UnsubscribeTokens Tokens { get; }

    public IOptions<DeliveryOptions> DeliveryOptions { get; } = Options.Create(new DeliveryOptions { SendingLease = TimeSpan.FromMinutes(15) });

    public DigestScheduler Scheduler { get; }

    public DigestDelivery Delivery { get; }

    public DigestService Service { get; }

    /// <summary>Stores the article and an alert for it (matching the watchlist) created now.</summary>
    public async Task<Alert> AddAlertAsync(string subscriberId, Article article, string watchlistId = "hamas-russia", double score = 1)
    {
        await Articles.TryAddAsync(article, CancellationToken.None);
        var alert = new Alert(subscriberId, article.Id, [new Core.Matching.WatchlistMatch(watchlistId, score, [])], Time.GetUtcNow(), ClusterId: article.ClusterId);
        await Alerts.AddAsync([alert], CancellationToken.None);
        return alert;
    }
}
