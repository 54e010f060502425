using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Infrastructure.Language;

namespace NewsAlerts.Infrastructure.Tests.DependencyInjection;

public sealed class AnalysisModeRegistrationTests
{
    private static IHost Build(Dictionary<string, string?> settings) => NewsAlertsHost.Build(settings);

    [Theory]
    [InlineData(null, typeof(OfflineAnalyzer))]
    [InlineData("Local", typeof(OfflineAnalyzer))]
    [InlineData("AzureLanguage", typeof(AzureLanguageAnalyzer))]
    [InlineData("Hybrid", typeof(HybridAnalyzer))]
    public void Mode_Setting_ChoosesTheAnalyzer(string? mode, Type expected)
    {
        using var host = Build(new()
        {
            ["NewsAlerts:Analysis:Mode"] = mode,
            ["NewsAlerts:Analysis:LanguageEndpoint"] = "https://lang-test.cognitiveservices.azure.com/",
            ["NewsAlerts:Analysis:ApiKey"] = "key",
        });

        Assert.IsType(expected, host.Services.GetRequiredService<IArticleAnalyzer>());
    }

    [Fact]
    public async Task HybridMode_WithoutEndpoint_FailsAtStartNamingTheSetting()
    {
        using var host = Build(new() { ["NewsAlerts:Analysis:Mode"] = "Hybrid" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("NewsAlerts:Analysis:LanguageEndpoint is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfflineLanguages_FromSettings_ReplaceTheDefaults()
    {
        using var host = Build(new() { ["NewsAlerts:Analysis:Offline:Languages:0"] = "de" });

        var options = host.Services.GetRequiredService<IOptions<AnalysisOptions>>().Value;

        Assert.Equal(["de"], options.Offline.Languages!);
    }
}
