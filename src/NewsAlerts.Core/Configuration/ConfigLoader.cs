using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Configuration;

/// <summary>Reads a config file, checks all of it, and either returns it whole or throws <see cref="ConfigException"/>.</summary>
public static partial class ConfigLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads and validates the config file at <paramref name="path"/>.</summary>
    public static NewsAlertsConfig Load(string path)
    {
        byte[] utf8;
        try
        {
            utf8 = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "config file not found" : ex.Message;
            throw new ConfigException([new ConfigError(path, 0, "", reason)]);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(utf8, path, baseDirectory);
    }

    /// <summary>Parses and validates config bytes; relative source paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static NewsAlertsConfig Parse(ReadOnlySpan<byte> utf8, string displayPath, string baseDirectory)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var config = Deserialize(utf8, displayPath);
        var lines = JsonLineMap.Build(utf8);
        config = ConfigValidator.Validate(config with { FilePath = displayPath }, lines, baseDirectory);
        return config;
    }

    private static NewsAlertsConfig Deserialize(ReadOnlySpan<byte> utf8, string displayPath)
    {
        try
        {
            return JsonSerializer.Deserialize<NewsAlertsConfig>(utf8, JsonOptions)
                ?? throw new ConfigException([new ConfigError(displayPath, 1, "", "the file holds null, expected an object")]);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? -1) + 1;
            var field = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
            throw new ConfigException([new ConfigError(displayPath, line, field, Describe(ex))]);
        }
    }

    /// <summary>Turns System.Text.Json's messages, which name .NET types, into ones a config author understands.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            return name is "url" or "secret" && (ex.Path ?? "").StartsWith("$.channels", StringComparison.Ordinal)
                ? $"unknown field '{name}': a channel's {name} is a secret; put it in an environment variable or app setting and name that with {name}Setting"
                : $"unknown field '{name}'";
        }

        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            return $"expected {FriendlyType(conversion.Groups[1].Value.TrimEnd('.'))}";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var text = (cut > 0 ? message[..cut] : message).Trim();
        return $"invalid JSON (column {(ex.BytePositionInLine ?? 0) + 1}): {text}";
    }

    private static string FriendlyType(string dotnetType) => dotnetType switch
    {
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" or "System.Double" => "a number",
        _ when dotnetType.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
        _ => "an object",
    };

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]]+)")]
    private static partial Regex ConversionTarget();
}
