using System.Text;
using System.Text.Json;
using Json.Schema;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Tests.Configuration;

/// <summary>The loader and the published JSON Schema accept and refuse the same files, and the loader says why in words.</summary>
public sealed class ConfigParityTests
{
    private static JsonSchema Schema => ConfigSchemaTests.Schema;

    private static string Config(string source = "", string subscriber = "") => $$"""
        {
          "sources": [ { "id": "a", "url": "https://example.com/feed.xml"{{source}} } ],
          "watchlists": [ { "id": "w", "name": "W", "query": "x" } ],
          "subscribers": [ { "id": "s", "email": "s@example.com", "watchlists": [ "w" ]{{subscriber}} } ]
        }
        """;

    public static TheoryData<string, string, string?> Cases() => new()
    {
        // name, config, the loader's message (null: valid)
        { "plain", Config(), null },
        { "15m poll interval", Config(source: """, "pollInterval": "15m" """), null },
        { "1h30m poll interval", Config(source: """, "pollInterval": "1h30m" """), null },
        { "hh:mm:ss poll interval", Config(source: """, "pollInterval": "06:00:00" """), null },
        { "max age in days", Config(source: """, "maxAge": "30d", "timeout": "45s" """), null },
        { "trailing comma", Config(subscriber: """, "maxItems": 5,""").Replace("] }\n]", "] },\n]", StringComparison.Ordinal), "trailing comma" },
        { "timezone in lower case", Config(subscriber: """, "timezone": "Europe/Berlin" """), "unknown field 'timezone' (did you mean 'timeZone'?)" },
        { "typo in a field", Config(source: """, "pollIntreval": "15m" """), "unknown field 'pollIntreval' (did you mean 'pollInterval'?)" },
        { "unknown field", Config(source: """, "colour": "red" """), "unknown field 'colour'" },
        { "number in quotes", Config(subscriber: """, "maxItems": "10" """), "expected a number" },
        { "negative interval", Config(source: """, "pollInterval": "-00:15:00" """), "sources[0].pollInterval: must be more than zero" },
        { "zero interval", Config(source: """, "pollInterval": "00:00:00" """), "sources[0].pollInterval: must be more than zero" },
        { "zero in units", Config(source: """, "pollInterval": "0m" """), "sources[0].pollInterval: must be more than zero" },
        { "zero max age", Config(source: """, "maxAge": "0s" """), "sources[0].maxAge: must be more than zero" },
        { "unknown duration form", Config(source: """, "pollInterval": "15 minutes" """), "'15 minutes' is not a duration: use 30s, 15m, 1h, 7d, 1h30m or hh:mm:ss" },
        { "duration as a number", Config(source: """, "pollInterval": 900 """), "expected a duration in quotes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoaderAndSchema_AcceptAndRefuseTheSameConfigs(string name, string json, string? message)
    {
        var schemaValid = SchemaAccepts(json);
        var loaderError = LoaderError(json);

        Assert.True(schemaValid == (message is null), $"{name}: the schema {(schemaValid ? "accepts" : "refuses")} it");
        if (message is null)
        {
            Assert.True(loaderError is null, $"{name}: {loaderError}");
        }
        else
        {
            Assert.NotNull(loaderError);
            Assert.Contains(message, loaderError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Durations_InTheConfig_AreReadInEveryForm()
    {
        var config = ConfigLoader.Parse(Encoding.UTF8.GetBytes(Config(source: """, "pollInterval": "1h30m", "maxAge": "2d", "timeout": "00:00:45" """)), "c.json", ".");

        var source = Assert.Single(config.Sources);
        Assert.Equal((TimeSpan.FromMinutes(90), TimeSpan.FromDays(2), TimeSpan.FromSeconds(45)), (source.PollInterval, source.MaxAge, source.Timeout));
    }

    [Fact]
    public void TrailingComma_NamesTheLine()
    {
        var json = "{\n  \"sources\": [ { \"id\": \"a\", \"url\": \"https://example.com/f.xml\" }, ],\n  \"watchlists\": []\n}";

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "c.json", ".")).Errors);

        Assert.Equal(2, error.Line);
        Assert.StartsWith("c.json:2: ", error.ToString(), StringComparison.Ordinal);
    }

    private static bool SchemaAccepts(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Schema.Evaluate(document.RootElement).IsValid;
        }
        catch (JsonException)
        {
            return false; // not JSON at all (a trailing comma): every schema-aware editor refuses it too
        }
    }

    private static string? LoaderError(string json)
    {
        try
        {
            ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "c.json", ".");
            return null;
        }
        catch (ConfigException ex)
        {
            return string.Join("\n", ex.Errors);
        }
    }
}
