using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Configuration;

/// <summary>Reads a config file, checks all of it, and either returns it whole or throws <see cref="ConfigException"/>.</summary>
public static partial class ConfigLoader
{
    /// <summary>As strict as the JSON Schema: exact field names, no trailing commas, numbers as numbers. Comments are allowed.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new DurationJsonConverter() },
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
        if (ex is ConfigValueException)
        {
            return ex.Message;
        }

        var message = ex.Message;
        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            if (name is "url" or "secret" && (ex.Path ?? "").StartsWith("$.channels", StringComparison.Ordinal))
            {
                return $"unknown field '{name}': a channel's {name} is a secret; put it in an environment variable or app setting and name that with {name}Setting";
            }

            return Suggest(name, unmapped.Groups[2].Value) is { } known
                ? $"unknown field '{name}' (did you mean '{known}'?)"
                : $"unknown field '{name}'";
        }

        if (message.Contains("trailing comma", StringComparison.Ordinal))
        {
            return $"trailing comma after the last item (column {(ex.BytePositionInLine ?? 0) + 1}): JSON allows none; remove it";
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

    /// <summary>The field of <paramref name="typeName"/> the author most likely meant: same letters in another case, or one or two typos away.</summary>
    private static string? Suggest(string name, string typeName)
    {
        if (typeof(ConfigLoader).Assembly.GetType(typeName) is not { } type)
        {
            return null;
        }

        var known = JsonOptions.GetTypeInfo(type).Properties.Select(p => p.Name).ToList();
        return known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            ?? known.Select(k => (Name: k, Distance: EditDistance(k.ToLowerInvariant(), name.ToLowerInvariant())))
                .Where(k => k.Distance <= Math.Max(1, name.Length / 4))
                .OrderBy(k => k.Distance)
                .Select(k => k.Name)
                .FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped to any .NET member contained in type '([^']*)'")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]]+)")]
    private static partial Regex ConversionTarget();
}
