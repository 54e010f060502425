namespace NewsAlerts.Core.Ingestion;

/// <summary>A feed as parsed: its own title and link, its items, and what was odd about it.</summary>
public sealed record ParsedFeed(string Title, Uri? Link, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Warnings);

/// <summary>One feed entry before normalisation; text fields may still hold HTML.</summary>
public sealed record FeedItem
{
    /// <summary>The item's own identifier (RSS guid, Atom id), if any.</summary>
    public string? Guid { get; init; }

    public string Title { get; init; } = "";

    public Uri? Link { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Short description or summary, possibly HTML.</summary>
    public string? Summary { get; init; }

    /// <summary>Full content when the feed carries it, possibly HTML.</summary>
    public string? Content { get; init; }

    public string? Language { get; init; }
}
