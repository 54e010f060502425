using System.Globalization;

namespace NewsAlerts.Core.Ingestion.Parsing;

/// <summary>
/// Reads the dates feeds carry: RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and the broken variants seen in the wild
/// (missing or wrong day names, named time zones, two-digit years, no zone at all, which is taken as UTC).
/// </summary>
public static class FeedDates
{
    private static readonly string[] Formats =
    [
        "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm zzz",
        "d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm", "d MMMM yyyy HH:mm:ss zzz", "d MMMM yyyy HH:mm:ss",
        "d MMM yyyy", "MMM d, yyyy HH:mm:ss zzz", "MMM d yyyy HH:mm:ss zzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyyMMdd'T'HHmmssK",
    ];

    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
        ["BST"] = "+01:00", ["CET"] = "+01:00", ["CEST"] = "+02:00", ["MET"] = "+01:00", ["MEST"] = "+02:00",
        ["EET"] = "+02:00", ["EEST"] = "+03:00", ["IST"] = "+05:30", ["JST"] = "+09:00", ["AEST"] = "+10:00",
    };

    /// <summary>The instant in UTC, or null when the text is no date this reader knows.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = Clean(value);
        const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, styles, out var exact)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out exact))
        {
            return exact.ToUniversalTime();
        }

        return null;
    }

    /// <summary>Drops the day name, turns named zones and "+0200" into "+02:00", and tidies spacing.</summary>
    private static string Clean(string value)
    {
        var text = value.Trim().Replace(",", ", ", StringComparison.Ordinal);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (parts.Count > 1 && parts[0].TrimEnd(',', '.').All(char.IsLetter) && !IsMonth(parts[0].TrimEnd(',', '.')))
        {
            parts.RemoveAt(0); // "Fri," or "Friday," or a wrong day name
        }

        for (var i = 0; i < parts.Count; i++)
        {
            parts[i] = parts[i].TrimEnd(',');
        }

        if (parts.Count > 1)
        {
            var last = parts[^1];
            if (Zones.TryGetValue(last, out var offset))
            {
                parts[^1] = offset;
            }
            else if (last.Length == 5 && last[0] is '+' or '-' && last.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
            {
                parts[^1] = $"{last[..3]}:{last[3..]}";
            }
        }

        return string.Join(' ', parts);
    }

    private static bool IsMonth(string word) =>
        word.Length >= 3 && CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames
            .Any(m => m.Length > 0 && word.StartsWith(m, StringComparison.OrdinalIgnoreCase));
}
