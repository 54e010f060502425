namespace NewsAlerts.Core.Ingestion;

/// <summary>A feed as parsed: its own title and link, its items, and what was odd about it.</summary>
public sealed record ParsedFeed(string Title, Uri? Link, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Warnings)
{
    /// <summary>What the document was read as (such as <c>RSS 2.0</c>, <c>Atom 1.0</c>, <c>JSON Feed 1.1</c>); empty when it was no feed.</summary>
    public string Format { get; init; } = "";

    /// <summary>True when nothing usable came out: no feed title and no item.</summary>
    public bool IsEmpty => Items.Count == 0 && Title.Length == 0;
}

/// <summary>One feed entry before normalisation; text fields may still hold HTML.</summary>
public sealed record FeedItem
{
    /// <summary>The item's own identifier (RSS guid, Atom id), if any.</summary>
    public string? Guid { get; init; }

    /// <summary>False when the feed says the guid is not a URL (RSS <c>isPermaLink="false"</c>, Atom ids).</summary>
    public bool GuidIsPermaLink { get; init; } = true;

    public string Title { get; init; } = "";

    public Uri? Link { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Short description or summary, possibly HTML.</summary>
    public string? Summary { get; init; }

    /// <summary>Full content when the feed carries it, possibly HTML.</summary>
    public string? Content { get; init; }

    public string? Language { get; init; }
}
