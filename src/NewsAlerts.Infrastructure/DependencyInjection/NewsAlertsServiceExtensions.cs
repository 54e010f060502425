using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Core.Status;
using NewsAlerts.Core.Unsubscribe;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.Infrastructure.Email;
using NewsAlerts.Infrastructure.Outbox;
using NewsAlerts.Infrastructure.Sqlite;

namespace NewsAlerts.Infrastructure.DependencyInjection;

/// <summary>The one place NewsAlerts is composed; the Functions app and the CLI both call it.</summary>
public static class NewsAlertsServiceExtensions
{
    /// <summary>
    /// Registers the pipeline with the embedded defaults (file config, SQLite state, offline analyzer, outbox), or with
    /// <c>NewsAlerts:Storage</c> = <c>Azure</c> the Storage adapters (Tables, Blobs, queues, config blob).
    /// </summary>
    public static IHostApplicationBuilder AddNewsAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NewsAlertsOptions>()
            .BindConfiguration(NewsAlertsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfigProvider, FileConfigProvider>();

        AddIngestion(services);
        AddAnalysis(services);
        AddMatching(services);
        AddAlerts(services);
        AddDigests(services);
        if (AzureStorageServiceExtensions.UsesAzureStorage(builder.Configuration))
        {
            AzureStorageServiceExtensions.AddAzureStorage(services);
        }
        else
        {
            AddLocalStores(services);
        }

        services.AddSingleton<StageTimings>();
        services.AddSingleton<PipelineRunner>();
        services.AddSingleton<StatusService>();
        return builder;
    }

    private static void AddIngestion(IServiceCollection services)
    {
        services.AddOptions<FeedFetchOptions>()
            .BindConfiguration(FeedFetchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddFeedFetching();
        services.AddOptions<DeduplicationOptions>()
            .BindConfiguration(DeduplicationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Deduplicator>();
        services.AddSingleton<IngestService>();
    }

    private static void AddAnalysis(IServiceCollection services)
    {
        services.AddAnalysis();
    }

    private static void AddMatching(IServiceCollection services)
    {
        services.AddSingleton<IWatchlistMatcherFactory, QueryMatcher.Factory>();
        services.AddSingleton<WatchlistMatcherCache>();
    }

    private static void AddAlerts(IServiceCollection services)
    {
        services.AddOptions<FeedOptions>()
            .BindConfiguration(FeedOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<FeedRecorder>();
        services.AddSingleton<WatchlistFeeds>();
        services.AddSingleton<FeedEndpoint>();
        services.AddSingleton<OutboxFeedWriter>();
        services.AddSingleton<ArticleProcessor>();
        services.AddOptions<SweepOptions>()
            .BindConfiguration(SweepOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StoredUrgentAlerts>();
        services.AddSingleton<IUrgentAlertQueue>(sp => sp.GetRequiredService<StoredUrgentAlerts>());
    }

    private static void AddDigests(IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<UnsubscribeOptions>()
            .BindConfiguration(UnsubscribeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<DigestDestinations>();
        services.AddSingleton<DigestDelivery>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<UnsubscribeService>();
        services.AddSingleton<UnsubscribeEndpoint>();
        services.AddSingleton<OutboxDigestSender>();
        services.AddEmailSenders();
        services.AddChannelSenders();
        services.AddSingleton<IDigestSender>(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.Provider switch
        {
            DeliveryProvider.SendGrid => sp.GetRequiredService<SendGridDigestSender>(),
            DeliveryProvider.Smtp => sp.GetRequiredService<SmtpDigestSender>(),
            _ => sp.GetRequiredService<OutboxDigestSender>(),
        });
    }

    /// <summary>The embedded defaults: everything that must survive a restart lives in one SQLite file.</summary>
    private static void AddLocalStores(IServiceCollection services)
    {
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IArticleStore, SqliteArticleStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IDeliveryLedger, SqliteDeliveryLedger>();
        services.AddSingleton<IUnsubscribeStore, SqliteUnsubscribeStore>();
        services.AddSingleton<IFeedStateStore, SqliteFeedStateStore>();
        services.AddSingleton<IDeduplicationStore, SqliteDeduplicationStore>();
        services.AddSingleton<IWatchlistFeedStore, SqliteWatchlistFeedStore>();
        services.AddSingleton<IStateInspector, SqliteStateInspector>();
    }
}
