using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsAlerts.Core;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.Infrastructure.Outbox;
using NewsAlerts.Infrastructure.Sqlite;

namespace NewsAlerts.Infrastructure.DependencyInjection;

/// <summary>The one place NewsAlerts is composed; the Functions app and the CLI both call it.</summary>
public static class NewsAlertsServiceExtensions
{
    /// <summary>Registers the pipeline with the embedded defaults: file config, SQLite state, offline analyzer, outbox.</summary>
    public static IHostApplicationBuilder AddNewsAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NewsAlertsOptions>()
            .BindConfiguration(NewsAlertsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfigProvider, FileConfigProvider>();
        services.AddHttpClient(FeedFetcher.HttpClientName, client =>
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("NewsAlerts", "0.1")));

        AddPipeline(services);
        AddLocalAdapters(services);
        return builder;
    }

    private static void AddPipeline(IServiceCollection services)
    {
        services.AddSingleton<IFeedFetcher, FeedFetcher>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<IArticleAnalyzer, OfflineAnalyzer>();
        services.AddSingleton<IWatchlistMatcherFactory, AllTermsMatcher.Factory>();
        services.AddSingleton<WatchlistMatcherCache>();
        services.AddSingleton<ArticleProcessor>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<PipelineRunner>();
    }

    private static void AddLocalAdapters(IServiceCollection services)
    {
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IArticleStore, SqliteArticleStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IDigestSender, OutboxDigestSender>();
        services.AddSingleton<IArticleQueue, StorageArticleQueue>();
    }
}
