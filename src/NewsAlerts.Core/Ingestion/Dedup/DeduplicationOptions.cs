using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Core.Ingestion.Dedup;

/// <summary>De-duplication settings (section <c>NewsAlerts:Dedup</c>).</summary>
public sealed class DeduplicationOptions
{
    public const string SectionName = "NewsAlerts:Dedup";

    /// <summary>How long an article's fingerprint is remembered; older ones are purged from the store and the index.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
