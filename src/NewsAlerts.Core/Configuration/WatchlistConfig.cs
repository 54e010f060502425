namespace NewsAlerts.Core.Configuration;

/// <summary>Something a user wants to watch, expressed as a query over articles.</summary>
public sealed record WatchlistConfig
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Query { get; init; } = "";

    /// <summary>Matches go out at once in their own email, even in a subscriber's quiet hours.</summary>
    public bool Urgent { get; init; }
}
