namespace NewsAlerts.Core.Digests;

/// <summary>A local time window (<c>HH:mm-HH:mm</c>, may wrap past midnight) in which only urgent alerts are sent.</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    public static bool TryParse(string text, out QuietHours quietHours, out string error)
    {
        quietHours = new QuietHours(default, default);
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !DigestSchedule.TryTime(parts[0], out var from) || !DigestSchedule.TryTime(parts[1], out var to))
        {
            error = $"'{text}' is not a time window: use HH:mm-HH:mm, such as 22:00-07:00";
            return false;
        }

        if (from == to)
        {
            error = $"'{text}' starts and ends at the same time";
            return false;
        }

        quietHours = new QuietHours(from, to);
        error = "";
        return true;
    }

    public bool Contains(TimeOnly time) => From < To ? time >= From && time < To : time >= From || time < To;
}
