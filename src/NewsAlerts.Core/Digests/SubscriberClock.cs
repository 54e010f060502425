using System.Globalization;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Digests;

/// <summary>A subscriber's schedule, quiet hours and time zone, parsed from a validated config.</summary>
public sealed class SubscriberClock
{
    private SubscriberClock(TimeZoneInfo zone, DigestSchedule schedule, QuietHours? quietHours)
    {
        Zone = zone;
        Schedule = schedule;
        Quiet = quietHours;
    }

    public TimeZoneInfo Zone { get; }

    public DigestSchedule Schedule { get; }

    public QuietHours? Quiet { get; }

    /// <summary>Reads the subscriber's timing; the config validator has already refused anything that fails here.</summary>
    public static SubscriberClock For(SubscriberConfig subscriber)
    {
        if (!TryFindZone(subscriber.TimeZone, out var zone))
        {
            throw new ArgumentException($"unknown time zone '{subscriber.TimeZone}'", nameof(subscriber));
        }

        if (!DigestSchedule.TryParse(subscriber.Schedule, out var schedule, out var error))
        {
            throw new ArgumentException(error, nameof(subscriber));
        }

        QuietHours? quiet = null;
        if (subscriber.QuietHours is { } text && !QuietHours.TryParse(text, out quiet, out error))
        {
            throw new ArgumentException(error, nameof(subscriber));
        }

        return new SubscriberClock(zone, schedule, quiet);
    }

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public bool IsQuiet(DateTimeOffset now) =>
        Quiet is { } quiet && quiet.Contains(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime));

    /// <summary>A time as the subscriber reads it, such as <c>2023-10-27 11:15 Europe/Berlin</c>.</summary>
    public string Format(DateTimeOffset time) => string.Create(
        CultureInfo.InvariantCulture,
        $"{TimeZoneInfo.ConvertTime(time, Zone):yyyy-MM-dd HH:mm} {(Zone.Id is "UTC" or "Etc/UTC" ? "UTC" : Zone.Id)}");
}
