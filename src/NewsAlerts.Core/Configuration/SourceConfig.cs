using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>A feed to read: a local file (relative to the config file) or an http(s) URL.</summary>
public sealed record SourceConfig
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(7);

    public string Id { get; init; } = "";

    /// <summary>Display name shown in digests; the id when absent.</summary>
    public string? Name { get; init; }

    public string Url { get; init; } = "";

    public bool Enabled { get; init; } = true;

    /// <summary>How often the source is polled (JSON <c>"15m"</c> or <c>"00:15:00"</c>); default 15 minutes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Items published longer ago than this are stored but never alerted, so a new source's backlog does not flood
    /// digests (JSON <c>"7d"</c>); default 7 days. Items without a date count as published when first read.
    /// </summary>
    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>Free labels for the source (such as <c>world</c>, <c>tech</c>); not interpreted by ingestion.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When an item carries only a short summary, fetch the article page and extract its main text.</summary>
    public bool FullText { get; init; }

    /// <summary>
    /// Allows the source (and its redirects) to reach loopback, private and link-local addresses, which the SSRF guard
    /// refuses otherwise. For feeds on an intranet or on 127.0.0.1 in tests.
    /// </summary>
    public bool AllowPrivateNetwork { get; init; }

    /// <summary>Per-request timeout for this source (JSON <c>"30s"</c> or <c>"00:00:30"</c>); the fetcher's default when absent.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Where the feed really is: <see cref="Url"/> resolved against the config file's folder.</summary>
    [JsonIgnore]
    public Uri Location { get; init; } = new("about:blank");

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
