namespace NewsAlerts.Core.Configuration;

/// <summary>Something a user wants to watch, expressed as a query over articles.</summary>
public sealed record WatchlistConfig
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Query { get; init; } = "";

    /// <summary>Matches go out at once in their own email, even in a subscriber's quiet hours.</summary>
    public bool Urgent { get; init; }

    /// <summary>Matches scoring lower are dropped (default 0: every match counts). See docs/query-language.md for the score.</summary>
    public double MinScore { get; init; }

    /// <summary>Whether country names in the query also match demonyms and capitals (default true).</summary>
    public bool GeoAliases { get; init; } = true;

    /// <summary>Texts this watchlist must and must not match, run by <c>newsalerts watchlists check</c>.</summary>
    public WatchlistExamples? Examples { get; init; }
}

/// <summary>Example texts for a watchlist: the first non-empty line is the title, the rest the body.</summary>
public sealed record WatchlistExamples
{
    public IReadOnlyList<string> MustMatch { get; init; } = [];

    public IReadOnlyList<string> MustNotMatch { get; init; } = [];
}
