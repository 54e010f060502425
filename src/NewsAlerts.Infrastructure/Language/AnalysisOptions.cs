using System.ComponentModel.DataAnnotations;
using NewsAlerts.Core.Analysis.Offline;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>Which analyzer analyses articles (<c>NewsAlerts:Analysis:Mode</c>).</summary>
public enum AnalysisMode
{
    /// <summary>The embedded offline analyzer only; no network, no cost.</summary>
    Local,

    /// <summary>Azure AI Language for every article.</summary>
    AzureLanguage,

    /// <summary>The offline analyzer first; Azure AI Language only for articles that could still match a watchlist.</summary>
    Hybrid,
}

/// <summary>Analysis settings (section <c>NewsAlerts:Analysis</c>; in Azure the app setting <c>NewsAlerts__Analysis__LanguageEndpoint</c>).</summary>
public sealed class AnalysisOptions : IValidatableObject
{
    public const string SectionName = "NewsAlerts:Analysis";

    public AnalysisMode Mode { get; set; } = AnalysisMode.Local;

    /// <summary>The Language resource endpoint, such as <c>https://lang-x.cognitiveservices.azure.com/</c>.</summary>
    public Uri? LanguageEndpoint { get; set; }

    /// <summary>A resource key; when empty, Entra ID through <c>DefaultAzureCredential</c> (the managed identity in Azure).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of the user-assigned identity; defaults to <c>AzureWebJobsStorage__clientId</c>.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The GA REST api-version of <c>analyze-text</c>.</summary>
    [Required]
    public string ApiVersion { get; set; } = LanguageClient.DefaultApiVersion;

    /// <summary>Retries of a request answered 429 or 503.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The longest wait before a retry, whatever <c>Retry-After</c> asks.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Settings of the offline analyzer (languages, extra gazetteer names).</summary>
    public OfflineAnalyzerOptions Offline { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode != AnalysisMode.Local && LanguageEndpoint is null)
        {
            yield return new ValidationResult(
                $"NewsAlerts:Analysis:LanguageEndpoint is required when NewsAlerts:Analysis:Mode is {Mode}.",
                [nameof(LanguageEndpoint)]);
        }
    }
}
