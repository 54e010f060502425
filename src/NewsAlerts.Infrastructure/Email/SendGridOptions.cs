using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Infrastructure.Email;

/// <summary>SendGrid delivery (section <c>NewsAlerts:Delivery:SendGrid</c>), used when the provider is <c>SendGrid</c>.</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "NewsAlerts:Delivery:SendGrid";

    /// <summary>The API key (Mail Send permission). In Azure an app setting that is a Key Vault reference.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The API host; only tests change it (to a local fake). Default <c>https://api.sendgrid.com</c>.</summary>
    [Required, Url]
    public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>Categories every digest carries, for SendGrid's statistics. Default <c>newsalerts</c>, <c>digest</c>.</summary>
    public List<string> Categories { get; set; } = ["newsalerts", "digest"];

    /// <summary>The unsubscribe group (ASM) id; when set, SendGrid also honours its own unsubscribe page for the group.</summary>
    [Range(1, int.MaxValue)]
    public int? UnsubscribeGroupId { get; set; }

    /// <summary>Sandbox mode: SendGrid validates the request and answers 200 without sending anything.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>How long one API call may take before its outcome counts as unknown. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
