using System.Reflection;
using System.Text.Json;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Functions.Tests;

/// <summary>The Worker SDK's generated <c>functions.metadata</c> is what the Functions host reads to find triggers.</summary>
public sealed class FunctionsMetadataTests
{
    internal static string MetadataPath()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(RepoPaths.Root, "src", "NewsAlerts.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    [Fact]
    public void Metadata_ListsEveryTriggerWithItsSetting()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));

        var triggers = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings")[0]);

        Assert.Equal("%IngestSchedule%", triggers["FindDueSources"].GetProperty("schedule").GetString());
        Assert.Equal("%SourcesQueueName%", triggers["IngestSource"].GetProperty("queueName").GetString());
        Assert.Equal("%ArticlesQueueName%", triggers["ProcessArticle"].GetProperty("queueName").GetString());
        Assert.Equal("%DigestSchedule%", triggers["FindDueDigests"].GetProperty("schedule").GetString());
        Assert.Equal("%DigestsQueueName%", triggers["SendDigest"].GetProperty("queueName").GetString());
        Assert.Equal("%UrgentQueueName%", triggers["SendUrgentAlert"].GetProperty("queueName").GetString());
        Assert.Equal("%PoisonCheckSchedule%", triggers["CheckPoisonQueues"].GetProperty("schedule").GetString());
        Assert.Equal("%SweepSchedule%", triggers["RequeueUnmatchedArticles"].GetProperty("schedule").GetString());
    }

    [Fact]
    public void HostJson_FromTheRepositoryRoot_IsInTheFunctionsOutput()
    {
        var output = Path.GetDirectoryName(MetadataPath())!;

        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
    }
}
