namespace NewsAlerts.Infrastructure;

/// <summary>Names of the flat app settings the Functions app reads (trigger bindings use them as %Name%).</summary>
public static class AppSettings
{
    /// <summary>Storage used by the Functions host and by NewsAlerts' queues.</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>Queue of article ids waiting to be analysed and matched.</summary>
    public const string ArticlesQueueName = nameof(ArticlesQueueName);

    /// <summary>CRON schedule of the ingest timer.</summary>
    public const string IngestSchedule = nameof(IngestSchedule);

    /// <summary>CRON schedule of the digest timer.</summary>
    public const string DigestSchedule = nameof(DigestSchedule);

    public const string DefaultArticlesQueueName = "articles";
}
