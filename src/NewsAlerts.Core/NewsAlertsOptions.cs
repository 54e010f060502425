using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Core;

/// <summary>Host settings (section <c>NewsAlerts</c>): where the config file, the state and the outbox live.</summary>
public sealed class NewsAlertsOptions
{
    public const string SectionName = "NewsAlerts";

    /// <summary>The config file with sources, watchlists and subscribers.</summary>
    [Required]
    public string ConfigPath { get; set; } = "seeds/newsalerts.json";

    /// <summary>Folder of the local store (SQLite) that survives restarts.</summary>
    [Required]
    public string StatePath { get; set; } = ".newsalerts";

    /// <summary>Folder the outbox delivery writes <c>.eml</c> and <c>.html</c> digests to.</summary>
    [Required]
    public string OutboxPath { get; set; } = "outbox";

    /// <summary>Sender address of digest emails.</summary>
    [Required, EmailAddress]
    public string FromAddress { get; set; } = "alerts@newsalerts.local";

    /// <summary>
    /// The public address of the Functions app (such as <c>https://newsalerts-x.azurewebsites.net</c>): unsubscribe links
    /// point at its <c>/api/unsubscribe</c>. Empty on a CLI-only install, where emails say which
    /// <c>newsalerts unsubscribe</c> command to run instead of linking to an address nobody answers.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Sender display name of digest emails.</summary>
    [Required]
    public string FromName { get; set; } = "NewsAlerts";
}
