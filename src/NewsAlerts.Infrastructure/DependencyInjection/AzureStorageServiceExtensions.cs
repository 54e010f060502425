using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Status;
using NewsAlerts.Infrastructure.AzureStorage;

namespace NewsAlerts.Infrastructure.DependencyInjection;

/// <summary>The Azure branch of the composition: state in Tables and Blobs, stages joined by Storage queues, config from a blob.</summary>
public static class AzureStorageServiceExtensions
{
    /// <summary>Setting (<c>NewsAlerts:Storage</c>) choosing the stores: <c>Local</c> (default) or <c>Azure</c>.</summary>
    public const string StorageModeKey = "NewsAlerts:Storage";

    public static bool UsesAzureStorage(IConfiguration configuration) =>
        string.Equals(configuration[StorageModeKey], "Azure", StringComparison.OrdinalIgnoreCase);

    internal static void AddAzureStorage(IServiceCollection services)
    {
        services.AddOptions<AzureStorageOptions>()
            .BindConfiguration(AzureStorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => StorageClients.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<QueueNames>();

        services.Replace(ServiceDescriptor.Singleton<IConfigProvider, BlobConfigProvider>());
        services.AddSingleton<IArticleStore, BlobArticleStore>();
        services.AddSingleton<IAlertStore, TableAlertStore>();
        services.AddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.AddSingleton<IUnsubscribeStore, TableUnsubscribeStore>();
        services.AddSingleton<IFeedStateStore, TableFeedStateStore>();
        services.AddSingleton<IDeduplicationStore, TableDeduplicationStore>();
        services.AddSingleton<IWatchlistFeedStore, TableWatchlistFeedStore>();
        services.AddSingleton<IStateInspector, TableStateInspector>();

        services.AddSingleton<ISourceQueue, StorageSourceQueue>();
        services.AddSingleton<IArticleQueue, StorageArticleQueue>();
        services.AddSingleton<IDigestQueue, StorageDigestQueue>();
        services.Replace(ServiceDescriptor.Singleton<IUrgentAlertQueue, StorageUrgentAlertQueue>());
        services.AddSingleton<SourcePolling>();
        services.AddSingleton<DigestDispatch>();
        services.AddSingleton<UnmatchedArticleSweep>();
        services.AddSingleton<PoisonQueues>();
    }
}
