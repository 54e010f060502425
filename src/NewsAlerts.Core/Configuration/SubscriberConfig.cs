using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>A person who receives digests for the watchlists they follow.</summary>
public sealed record SubscriberConfig
{
    public string Id { get; init; } = "";

    public string Email { get; init; } = "";

    /// <summary>Display name used in the greeting and the To header.</summary>
    public string? Name { get; init; }

    public IReadOnlyList<string> Watchlists { get; init; } = [];

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Email : Name;
}
