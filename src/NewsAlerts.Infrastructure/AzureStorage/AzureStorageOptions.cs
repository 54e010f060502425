using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>Where NewsAlerts keeps its state in Azure (section <c>NewsAlerts:Azure</c>); names default to the template's.</summary>
public sealed class AzureStorageOptions
{
    public const string SectionName = "NewsAlerts:Azure";

    /// <summary>Blob container of article documents (body, analysis).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ArticlesContainer { get; set; } = "articles";

    /// <summary>Blob container holding the config file.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ConfigContainer { get; set; } = "config";

    /// <summary>Name of the config blob in <see cref="ConfigContainer"/>.</summary>
    [Required]
    public string ConfigBlobName { get; set; } = "newsalerts.json";

    /// <summary>How often the config blob's ETag is checked; a changed blob is read, validated and used. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ConfigRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Prefix of every table name (alerts, ledger, ...), so two deployments can share an account. Default <c>newsalerts</c>.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$")]
    public string TablePrefix { get; set; } = "newsalerts";
}
