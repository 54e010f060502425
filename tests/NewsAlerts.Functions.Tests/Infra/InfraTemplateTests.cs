using System.Text.Json;
using System.Text.Json.Nodes;
using NewsAlerts.Infrastructure;

namespace NewsAlerts.Functions.Tests.Infra;

/// <summary>The Bicep template builds and lints clean, and agrees with the code on every setting and queue.</summary>
public sealed class InfraTemplateTests
{
    private static readonly Lazy<Task<CompiledTemplate>> Compiled = new(CompileAsync);

    private static async Task<CompiledTemplate> CompileAsync()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync("build", BicepCli.MainBicep, "--stdout");
        Assert.True(exitCode == 0 && errors.Trim().Length == 0, $"bicep build failed or warned:\n{errors}");
        return new CompiledTemplate(JsonNode.Parse(output)!.AsObject());
    }

    [Fact]
    public async Task BicepBuild_MainBicep_HasNoWarnings()
    {
        var template = await Compiled.Value;

        Assert.NotEmpty(template.Resources());
    }

    [Fact]
    public async Task BicepLint_MainBicep_HasNoWarnings()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync("lint", BicepCli.MainBicep);

        Assert.True(exitCode == 0, $"bicep lint exited {exitCode}:\n{output}{errors}");
        Assert.Equal("", (output + errors).Trim());
    }

    [Fact]
    public async Task Template_SetsEverySettingTheAppReads()
    {
        var settings = (await Compiled.Value).AppSettings;

        var missing = AppSettings.Azure.Where(name => !settings.ContainsKey(name)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Template_CreatesEveryQueueNamedInFunctionsMetadata()
    {
        var template = await Compiled.Value;
        using var metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataTests.MetadataPath()));
        var queueSettings = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.TryGetProperty("queueName", out _))
            .Select(b => b.GetProperty("queueName").GetString()!.Trim('%'))
            .Distinct()
            .ToList();

        Assert.Equal(AppSettings.Queues.Count, queueSettings.Count);
        foreach (var setting in queueSettings)
        {
            Assert.True(template.AppSettings.TryGetValue(setting, out var queue), $"the template does not set {setting}");
            Assert.Contains(queue, template.Queues);
        }
    }

    [Fact]
    public async Task Template_AppSettings_HoldNoLiteralSecret_AndReferenceKeyVault()
    {
        var template = await Compiled.Value;

        Assert.Empty(template.SecretProblems());
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", template.AppSettings[AppSettings.SendGridApiKey], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", template.AppSettings[AppSettings.UnsubscribeSecret], StringComparison.Ordinal);
        Assert.DoesNotContain(template.AppSettings.Keys, k => k.Equals(AppSettings.Storage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretCheck_FlagsALiteralKeyAndASecureParameter()
    {
        var root = (await Compiled.Value).Root.DeepClone().AsObject();
        var tampered = new CompiledTemplate(root);
        var settings = tampered.Resources().Single(r => r["name"]!.GetValue<string>() == "functionApp")["properties"]!["parameters"]!["appSettings"]!["value"]!.AsObject();
        settings["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==";
        settings[AppSettings.SendGridApiKey] = "[parameters('sendGridApiKey')]";

        var problems = tampered.SecretProblems();

        Assert.Contains(problems, p => p.StartsWith("AzureWebJobsStorage holds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(AppSettings.SendGridApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionApp_RunsOnFlexConsumption_WithDotnetIsolated()
    {
        var text = (await Compiled.Value).Root.ToJsonString();

        Assert.Contains("\"FC1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"dotnet-isolated\"", text, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\":false", text, StringComparison.Ordinal);
        Assert.Contains("\"disableLocalAuth\":true", text, StringComparison.Ordinal);
        Assert.Contains("\"enableRbacAuthorization\":true", text, StringComparison.Ordinal);
    }
}
