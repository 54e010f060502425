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

    /// <summary>Sender display name of digest emails.</summary>
    [Required]
    public string FromName { get; set; } = "NewsAlerts";
}
