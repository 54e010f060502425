namespace NewsAlerts.Infrastructure;

/// <summary>
/// Names of the flat app settings the Functions app reads (trigger bindings use them as %Name%). <see cref="Azure"/>
/// is the one list the Bicep template must set; a test checks it against the compiled template.
/// </summary>
public static class AppSettings
{
    /// <summary>Storage used by the Functions host and by NewsAlerts: a connection string locally (<c>UseDevelopmentStorage=true</c>).</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>In Azure: identity-based storage, no key (the host and <c>StorageClients</c> both read these).</summary>
    public const string StorageBlobServiceUri = "AzureWebJobsStorage__blobServiceUri";

    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";

    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";

    /// <summary><c>managedidentity</c>: the host authenticates to storage with the identity below.</summary>
    public const string StorageCredential = "AzureWebJobsStorage__credential";

    /// <summary>Client id of the user-assigned identity, for storage and for <c>DefaultAzureCredential</c>.</summary>
    public const string StorageClientId = "AzureWebJobsStorage__clientId";

    /// <summary><c>Local</c> (SQLite, the CLI) or <c>Azure</c> (Tables, Blobs, queues).</summary>
    public const string StorageMode = "NewsAlerts__Storage";

    /// <summary>Endpoint of the Azure AI Language resource (reached with the identity above).</summary>
    public const string LanguageEndpoint = "NewsAlerts__Analysis__LanguageEndpoint";

    /// <summary><c>Local</c>, <c>AzureLanguage</c> or <c>Hybrid</c> (Azure pays only for watchlist candidates).</summary>
    public const string AnalysisMode = "NewsAlerts__Analysis__Mode";

    /// <summary>Queue of source ids due for polling.</summary>
    public const string SourcesQueueName = nameof(SourcesQueueName);

    /// <summary>Queue of article ids waiting to be analysed and matched.</summary>
    public const string ArticlesQueueName = nameof(ArticlesQueueName);

    /// <summary>Queue of due digests.</summary>
    public const string DigestsQueueName = nameof(DigestsQueueName);

    /// <summary>Queue of urgent alerts to send at once.</summary>
    public const string UrgentQueueName = nameof(UrgentQueueName);

    /// <summary>CRON schedule of the timer that queues due sources.</summary>
    public const string IngestSchedule = nameof(IngestSchedule);

    /// <summary>CRON schedule of the timer that queues due digests.</summary>
    public const string DigestSchedule = nameof(DigestSchedule);

    /// <summary>CRON schedule of the poison-queue check.</summary>
    public const string PoisonCheckSchedule = nameof(PoisonCheckSchedule);

    /// <summary>CRON schedule of the sweep that queues again articles left unmatched (their message was lost).</summary>
    public const string SweepSchedule = nameof(SweepSchedule);

    /// <summary>Exports logs and metrics to Application Insights.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Application Insights ingestion with Entra ID (the identity) instead of the instrumentation key alone.</summary>
    public const string ApplicationInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The SendGrid API key: in Azure a Key Vault reference, never the key itself.</summary>
    public const string SendGridApiKey = "NewsAlerts__Delivery__SendGrid__ApiKey";

    /// <summary>Key signing unsubscribe links: in Azure a Key Vault reference (the state folder does not survive on Flex).</summary>
    public const string UnsubscribeSecret = "NewsAlerts__Unsubscribe__Secret";

    /// <summary>Public address of the Functions app: every digest links to its <c>/api/unsubscribe</c>.</summary>
    public const string PublicBaseUrl = "NewsAlerts__PublicBaseUrl";

    public const string DefaultSourcesQueueName = "sources";

    public const string DefaultArticlesQueueName = "articles";

    public const string DefaultDigestsQueueName = "digests";

    public const string DefaultUrgentQueueName = "urgent-alerts";

    /// <summary>Every setting the app reads in Azure; the template sets each one.</summary>
    public static IReadOnlyList<string> Azure { get; } =
    [
        StorageBlobServiceUri, StorageQueueServiceUri, StorageTableServiceUri, StorageCredential, StorageClientId,
        StorageMode, LanguageEndpoint, AnalysisMode,
        SourcesQueueName, ArticlesQueueName, DigestsQueueName, UrgentQueueName,
        IngestSchedule, DigestSchedule, PoisonCheckSchedule, SweepSchedule,
        ApplicationInsightsConnectionString, ApplicationInsightsAuthentication,
        SendGridApiKey, UnsubscribeSecret, PublicBaseUrl,
    ];

    /// <summary>The queues NewsAlerts consumes, by setting, with their defaults.</summary>
    public static IReadOnlyList<(string Setting, string Default)> Queues { get; } =
    [
        (SourcesQueueName, DefaultSourcesQueueName),
        (ArticlesQueueName, DefaultArticlesQueueName),
        (DigestsQueueName, DefaultDigestsQueueName),
        (UrgentQueueName, DefaultUrgentQueueName),
    ];
}
