using System.Globalization;

namespace NewsAlerts.Core.Digests;

public enum ScheduleKind
{
    Instant,
    Hourly,
    Daily,
    Weekly,
}

/// <summary>
/// When a subscriber's digests go out: <c>instant</c> (every run), <c>hourly</c> (top of each local hour),
/// <c>daily HH:mm</c> or <c>weekly DAY HH:mm</c>, in the subscriber's time zone.
/// </summary>
public sealed record DigestSchedule(ScheduleKind Kind, TimeOnly At, DayOfWeek Day)
{
    private static readonly string[] Formats = ["H:mm", "HH:mm"];

    public static bool TryParse(string? text, out DigestSchedule schedule, out string error)
    {
        schedule = new DigestSchedule(ScheduleKind.Daily, new TimeOnly(8, 0), DayOfWeek.Monday);
        var parts = (text ?? "").Split(default(char[]), StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        error = parts switch
        {
            ["instant"] => Set(ref schedule, ScheduleKind.Instant, default, default),
            ["hourly"] => Set(ref schedule, ScheduleKind.Hourly, default, default),
            ["daily", var at] => TryTime(at, out var time) ? Set(ref schedule, ScheduleKind.Daily, time, default) : BadTime(at),
            ["weekly", var day, _] when !TryDay(day, out _) => $"'{day}' is not a day of the week (use Monday..Sunday or Mon..Sun)",
            ["weekly", var day, var at] => TryTime(at, out var time) && TryDay(day, out var dow) ? Set(ref schedule, ScheduleKind.Weekly, time, dow) : BadTime(at),
            _ => $"'{text}' is not a schedule: use 'instant', 'hourly', 'daily HH:mm' or 'weekly DAY HH:mm'",
        };
        return error.Length == 0;
    }

    /// <summary>Parses a time of day written <c>HH:mm</c> (24-hour clock).</summary>
    public static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// The latest send time at or before <paramref name="now"/>. A local time that a daylight-saving change skips
    /// moves forward by the gap; one that occurs twice means its first occurrence.
    /// </summary>
    public DateTimeOffset LatestBoundary(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        switch (Kind)
        {
            case ScheduleKind.Instant:
                return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            case ScheduleKind.Hourly:
                return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset).ToUniversalTime();
        }

        for (var daysBack = 0; ; daysBack++)
        {
            var date = local.Date.AddDays(-daysBack);
            if (Kind == ScheduleKind.Weekly && date.DayOfWeek != Day)
            {
                continue;
            }

            var candidate = ToInstant(date + At.ToTimeSpan(), zone);
            if (candidate <= now)
            {
                return candidate;
            }
        }
    }

    public override string ToString() => Kind switch
    {
        ScheduleKind.Instant => "instant",
        ScheduleKind.Hourly => "hourly",
        ScheduleKind.Daily => $"daily {At:HH\\:mm}",
        _ => $"weekly {Day} {At:HH\\:mm}",
    };

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward change: use the offset before the gap, which lands the same distance after it.
            offset = zone.GetUtcOffset(local.AddHours(-6));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    private static string Set(ref DigestSchedule schedule, ScheduleKind kind, TimeOnly at, DayOfWeek day)
    {
        schedule = new DigestSchedule(kind, at, day);
        return "";
    }

    private static string BadTime(string text) => $"'{text}' is not a time of day (use HH:mm, 24-hour clock)";

    private static bool TryDay(string text, out DayOfWeek day)
    {
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString();
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase) || string.Equals(text, name[..3], StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }

        day = default;
        return false;
    }
}
