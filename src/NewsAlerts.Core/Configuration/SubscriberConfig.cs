using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>A person who receives digests for the watchlists they follow, on their own schedule and time zone.</summary>
public sealed record SubscriberConfig
{
    public const string DefaultSchedule = "daily 08:00";

    public const int DefaultMaxItems = 20;

    public string Id { get; init; } = "";

    public string Email { get; init; } = "";

    /// <summary>Display name used in the greeting and the To header.</summary>
    public string? Name { get; init; }

    /// <summary>IANA time zone (such as <c>Europe/Berlin</c>) for schedules, quiet hours and times shown in digests.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary><c>instant</c>, <c>hourly</c>, <c>daily HH:mm</c> or <c>weekly DAY HH:mm</c>, in <see cref="TimeZone"/>.</summary>
    public string Schedule { get; init; } = DefaultSchedule;

    /// <summary>Optional <c>HH:mm-HH:mm</c> local window in which only urgent alerts are sent.</summary>
    public string? QuietHours { get; init; }

    public IReadOnlyList<string> Watchlists { get; init; } = [];

    /// <summary>The most articles one digest shows; the rest are counted, not listed.</summary>
    public int MaxItems { get; init; } = DefaultMaxItems;

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Email : Name;
}
