using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>Slack, Teams and webhook delivery (section <c>NewsAlerts:Delivery:Channels</c>); retries follow <c>NewsAlerts:Delivery</c>.</summary>
public sealed class ChannelOptions
{
    public const string SectionName = "NewsAlerts:Delivery:Channels";

    /// <summary>
    /// How long one request may take. A Slack or Teams request that times out may have been delivered, so it is not
    /// sent again (at most once); a webhook is retried with the same <c>webhook-id</c>. Default 30 seconds, the top of
    /// the 15 to 30 seconds Standard Webhooks recommends.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
