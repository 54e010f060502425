using System.Diagnostics.Metrics;

namespace NewsAlerts.Core.Telemetry;

/// <summary>
/// The pipeline's metrics, one name each, on the <c>NewsAlerts</c> meter (exported through OpenTelemetry to
/// Application Insights by the Functions app). Static so a stage records a count with one line and no extra constructor parameter.
/// </summary>
public static class NewsAlertsMetrics
{
    public const string MeterName = "NewsAlerts";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Feed items read, new or not.</summary>
    public static Counter<long> ArticlesFetched { get; } = Meter.CreateCounter<long>("newsalerts.articles.fetched", "{article}", "Feed items read");

    /// <summary>Articles stored for the first time.</summary>
    public static Counter<long> ArticlesNew { get; } = Meter.CreateCounter<long>("newsalerts.articles.new", "{article}", "Articles not seen before");

    /// <summary>Articles that matched at least one watchlist.</summary>
    public static Counter<long> ArticlesMatched { get; } = Meter.CreateCounter<long>("newsalerts.articles.matched", "{article}", "Articles matching a watchlist");

    public static Counter<long> AlertsCreated { get; } = Meter.CreateCounter<long>("newsalerts.alerts.created", "{alert}", "Alerts recorded");

    public static Counter<long> DigestsSent { get; } = Meter.CreateCounter<long>("newsalerts.digests.sent", "{digest}", "Digests delivered");

    public static Counter<long> DigestsFailed { get; } = Meter.CreateCounter<long>("newsalerts.digests.failed", "{digest}", "Digests not delivered");

    /// <summary>Text records sent to Azure AI Language (what it bills by); the Language analyzer records them.</summary>
    public static Counter<long> LanguageTextRecords { get; } = Meter.CreateCounter<long>("newsalerts.language.text_records", "{record}", "Azure AI Language text records");

    /// <summary>Text records the hybrid analyzer did not send to Azure AI Language because the article could match no watchlist.</summary>
    public static Counter<long> LanguageTextRecordsSaved { get; } = Meter.CreateCounter<long>("newsalerts.language.text_records_saved", "{record}", "Azure AI Language text records saved by the hybrid mode");

    /// <summary>Messages found in a poison queue at the last check, tagged with the queue.</summary>
    public static Histogram<long> PoisonMessages { get; } = Meter.CreateHistogram<long>("newsalerts.queue.poison_messages", "{message}", "Messages waiting in a poison queue when checked");
}
