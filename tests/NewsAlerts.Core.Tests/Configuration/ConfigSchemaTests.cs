using System.Text.Json;
using Json.Schema;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Configuration;

/// <summary>The published JSON Schema accepts what the loader accepts and rejects the obvious mistakes.</summary>
public sealed class ConfigSchemaTests
{
    /// <summary>Loaded once for every test class: JsonSchema.Net registers a schema by its $id, globally.</summary>
    internal static readonly JsonSchema Schema = JsonSchema.FromFile(RepoPaths.Schema);

    [Fact]
    public void SampleConfig_IsValidAgainstTheSchema_AndPointsAtIt()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Seeds, "newsalerts.json")));

        var result = Schema.Evaluate(sample.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var schemaPath = Path.GetFullPath(Path.Combine(RepoPaths.Seeds, sample.RootElement.GetProperty("$schema").GetString()!));
        Assert.Equal(RepoPaths.Schema, schemaPath);
    }

    [Fact]
    public void SourceIngestionFields_AreAcceptedByTheSchema_AndTheLoader()
    {
        const string json = """
            { "sources": [ { "id": "a", "url": "https://example.com/feed.xml", "tags": [ "world", "tech" ], "fullText": true,
                             "allowPrivateNetwork": true, "timeout": "00:00:05" } ],
              "watchlists": [ { "id": "w", "name": "W", "query": "x" } ] }
            """;
        using var document = JsonDocument.Parse(json);

        Assert.True(Schema.Evaluate(document.RootElement).IsValid);
        var source = Assert.Single(NewsAlerts.Core.Configuration.ConfigLoader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "c.json", ".").Sources);
        Assert.Equal(["world", "tech"], source.Tags);
        Assert.Equal((true, true, TimeSpan.FromSeconds(5)), (source.FullText, source.AllowPrivateNetwork, source.Timeout));
    }

    [Fact]
    public void NegativeSourceTimeout_IsRejectedByTheLoader_NamingTheField()
    {
        const string json = """{ "sources": [ { "id": "a", "url": "https://example.com/f.xml", "timeout": "-00:00:05" } ], "watchlists": [ { "id": "w", "name": "W", "query": "x" } ] }""";

        var error = Assert.Throws<NewsAlerts.Core.Configuration.ConfigException>(() => NewsAlerts.Core.Configuration.ConfigLoader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "c.json", "."));

        Assert.Contains(error.Errors, e => e.Field == "sources[0].timeout");
    }

    [Theory]
    [InlineData("""{ "sources": [ { "id": "a", "url": "f.xml" } ], "watchlists": [ { "id": "w", "name": "W", "query": "" } ] }""")]
    [InlineData("""{ "sources": [ { "id": "a", "url": "f.xml", "urll": 1 } ], "watchlists": [ { "id": "w", "name": "W", "query": "x" } ] }""")]
    [InlineData("""{ "sources": [], "watchlists": [ { "id": "w", "name": "W", "query": "x" } ] }""")]
    [InlineData("""{ "sources": [ { "id": "a", "url": "f.xml" } ], "watchlists": [ { "id": "w", "name": "W", "query": "x" } ], "subscribers": [ { "id": "s", "email": "s@example.com", "watchlists": [ "w" ], "schedule": "monthly" } ] }""")]
    [InlineData("""{ "sources": [ { "id": "a", "url": "f.xml" } ], "watchlists": [ { "id": "w", "name": "W", "query": "x" } ], "subscribers": [ { "id": "s", "email": "s@example.com", "watchlists": [ "w" ], "maxItems": 0 } ] }""")]
    public void InvalidConfigs_AreRejectedByTheSchema(string json)
    {
        using var document = JsonDocument.Parse(json);

        var result = Schema.Evaluate(document.RootElement);

        Assert.False(result.IsValid);
    }
}
