using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.Infrastructure.Language;

namespace NewsAlerts.Infrastructure.DependencyInjection;

/// <summary>Registers the analyzer chosen by <c>NewsAlerts:Analysis:Mode</c>: Local (default), AzureLanguage or Hybrid.</summary>
public static class AnalysisServiceExtensions
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddOptions<AnalysisOptions>()
            .BindConfiguration(AnalysisOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new OfflineAnalyzer(sp.GetRequiredService<IOptions<AnalysisOptions>>().Value.Offline));
        services.AddSingleton(sp => CreateClient(sp.GetRequiredService<IOptions<AnalysisOptions>>().Value, sp.GetRequiredService<IConfiguration>(), sp.GetService<TimeProvider>()));
        services.AddSingleton<AzureLanguageAnalyzer>();
        services.AddSingleton<HybridAnalyzer>();
        services.AddSingleton<IArticleAnalyzer>(sp => sp.GetRequiredService<IOptions<AnalysisOptions>>().Value.Mode switch
        {
            AnalysisMode.AzureLanguage => sp.GetRequiredService<AzureLanguageAnalyzer>(),
            AnalysisMode.Hybrid => sp.GetRequiredService<HybridAnalyzer>(),
            _ => sp.GetRequiredService<OfflineAnalyzer>(),
        });
        return services;
    }

    /// <summary>A key when one is configured; otherwise Entra ID with the user-assigned identity (<c>AzureWebJobsStorage__clientId</c> by default).</summary>
    public static LanguageClient CreateClient(AnalysisOptions options, IConfiguration configuration, TimeProvider? time = null)
    {
        var endpoint = options.LanguageEndpoint
            ?? throw new OptionsValidationException(nameof(AnalysisOptions), typeof(AnalysisOptions), ["NewsAlerts:Analysis:LanguageEndpoint is not set."]);
        var clientOptions = new LanguageClientOptions
        {
            ApiVersion = options.ApiVersion,
            MaxRetries = options.MaxRetries,
            MaxRetryDelay = options.MaxRetryDelay,
        };
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return new LanguageClient(endpoint, new AzureKeyCredential(options.ApiKey), clientOptions, time);
        }

        var clientId = options.ManagedIdentityClientId ?? configuration[$"{AppSettings.Storage}:clientId"];
        return new LanguageClient(endpoint, AzureCredentials.Create(clientId), clientOptions, time);
    }
}
