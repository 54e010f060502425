using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Core.Feeds;

/// <summary>The Atom feed of each watchlist (section <c>NewsAlerts:Feeds</c>).</summary>
public sealed class FeedOptions
{
    public const string SectionName = "NewsAlerts:Feeds";

    /// <summary>Record matches for feeds, write <c>&lt;outbox&gt;/feeds/*.atom</c> and serve <c>/api/feeds</c>. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many of a watchlist's latest matches its feed holds; older ones are deleted. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxEntries { get; set; } = 50;

    /// <summary>
    /// The feed endpoint; a feed URL is <c>{BaseUrl}/{watchlist}.atom?token=...</c>. Empty by default: the Functions app's
    /// <c>/api/feeds</c> under <c>NewsAlerts:PublicBaseUrl</c>, or no link at all on a CLI-only install.
    /// </summary>
    [Url]
    public string? BaseUrl { get; set; }
}
