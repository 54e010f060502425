using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace NewsAlerts.Infrastructure.Email;

/// <summary>SMTP delivery (section <c>NewsAlerts:Delivery:Smtp</c>), used when the provider is <c>Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "NewsAlerts:Delivery:Smtp";

    /// <summary>The SMTP server's host name. Default <c>localhost</c>.</summary>
    [Required]
    public string Host { get; set; } = "localhost";

    /// <summary>Default 587 (submission).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (default: TLS on 465, STARTTLS when offered), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Login name; no authentication when empty.</summary>
    public string? Username { get; set; }

    /// <summary>Password for <see cref="Username"/>; in Azure a Key Vault reference.</summary>
    public string? Password { get; set; }

    /// <summary>How long one SMTP command may take. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
