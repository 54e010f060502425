using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>
/// Someone who receives digests for the watchlists they follow, on their own schedule and time zone: by email, in
/// chat channels or at a webhook (<see cref="Channels"/>), or several of these.
/// </summary>
public sealed record SubscriberConfig
{
    public const string DefaultSchedule = "daily 08:00";

    public const int DefaultMaxItems = 20;

    public string Id { get; init; } = "";

    /// <summary>Where digests are emailed; empty for a subscriber served only by channels.</summary>
    public string Email { get; init; } = "";

    /// <summary>Ids of <see cref="NewsAlertsConfig.Channels"/> that get this subscriber's digests too.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

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
    public bool HasEmail => !string.IsNullOrWhiteSpace(Email);

    [JsonIgnore]
    public string DisplayName => !string.IsNullOrWhiteSpace(Name) ? Name : HasEmail ? Email : Id;
}
