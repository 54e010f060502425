using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Configuration;

/// <summary>
/// Time spans as people write them, in the config (<c>pollInterval</c>, <c>timeout</c>, <c>maxAge</c>) and on the command
/// line (<c>run --every</c>): <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>, combined in that order (<c>1h30m</c>), or
/// <c>hh:mm:ss</c> / <c>d.hh:mm:ss</c>. A leading minus reads as negative so that callers can refuse it by name.
/// </summary>
public static partial class Durations
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "30s, 15m, 1h, 7d, 1h30m or hh:mm:ss";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var trimmed = (text ?? "").Trim();
        var negative = trimmed.StartsWith('-');
        var body = negative ? trimmed[1..] : trimmed;
        if (!TryParsePositive(body, out var parsed))
        {
            return false;
        }

        value = negative ? -parsed : parsed;
        return true;
    }

    private static bool TryParsePositive(string text, out TimeSpan value)
    {
        value = default;
        var units = UnitForm().Match(text);
        if (text.Length > 0 && units.Success)
        {
            try
            {
                value = TimeSpan.FromDays(Number(units.Groups["d"])) + TimeSpan.FromHours(Number(units.Groups["h"]))
                    + TimeSpan.FromMinutes(Number(units.Groups["m"])) + TimeSpan.FromSeconds(Number(units.Groups["s"]));
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
    }

    private static long Number(Group group) =>
        group.Success ? long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,6})d)?(?:(?<h>\d{1,7})h)?(?:(?<m>\d{1,9})m)?(?:(?<s>\d{1,10})s)?$")]
    private static partial Regex UnitForm();
}

/// <summary>A config value that is present but unusable; its message is shown to the user as it is.</summary>
public sealed class ConfigValueException(string message) : JsonException(message);

/// <summary>Reads <see cref="Durations"/> forms in the config file and writes the short form back.</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ConfigValueException($"expected a duration in quotes: {Durations.Forms}");
        }

        var text = reader.GetString();
        return Durations.TryParse(text, out var value)
            ? value
            : throw new ConfigValueException($"'{text}' is not a duration: use {Durations.Forms}");
    }

    // The config is only read, never written back through these options; hh:mm:ss reads back as the same value.
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
}
