using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>A feed to read: a local file (relative to the config file) or an http(s) URL.</summary>
public sealed record SourceConfig
{
    public string Id { get; init; } = "";

    /// <summary>Display name shown in digests; the id when absent.</summary>
    public string? Name { get; init; }

    public string Url { get; init; } = "";

    public bool Enabled { get; init; } = true;

    /// <summary>How often the source is polled (JSON <c>"00:15:00"</c>); default 15 minutes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Where the feed really is: <see cref="Url"/> resolved against the config file's folder.</summary>
    [JsonIgnore]
    public Uri Location { get; init; } = new("about:blank");

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
