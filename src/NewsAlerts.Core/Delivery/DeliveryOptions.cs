using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Core.Delivery;

public enum DeliveryProvider
{
    /// <summary>Write <c>.eml</c> and <c>.html</c> files to the outbox folder (the local default).</summary>
    Outbox,

    Smtp,

    SendGrid,
}

/// <summary>Delivery settings (section <c>NewsAlerts:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "NewsAlerts:Delivery";

    /// <summary>Which provider sends digests: <c>Outbox</c> (default), <c>Smtp</c> or <c>SendGrid</c>.</summary>
    public DeliveryProvider Provider { get; set; } = DeliveryProvider.Outbox;

    /// <summary>
    /// A folder with your own <c>digest.html.liquid</c> and/or <c>digest.txt.liquid</c> (Liquid, rendered by Fluid);
    /// a file not there falls back to the built-in one. Default: none, the built-in templates.
    /// </summary>
    public string? TemplatesPath { get; set; }

    /// <summary>
    /// How long a digest may stay in <see cref="DeliveryState.Sending"/> before a later job decides its sender died:
    /// longer than one send with all its retries. Default 15 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts per send, the first included, for 429, 5xx and connection failures. Default 4.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay; each retry doubles it, with jitter. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts, also the cap on a provider's Retry-After. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
}
