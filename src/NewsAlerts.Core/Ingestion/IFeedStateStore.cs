namespace NewsAlerts.Core.Ingestion;

/// <summary>What NewsAlerts remembers of a source between polls: conditional-GET validators and when it was polled.</summary>
/// <param name="ETag">The last response's <c>ETag</c>, sent back as <c>If-None-Match</c>.</param>
/// <param name="LastModified">The last response's <c>Last-Modified</c>, sent back as <c>If-Modified-Since</c>.</param>
public sealed record FeedState(string SourceId, string? ETag, DateTimeOffset? LastModified, DateTimeOffset? LastPolledAt);

/// <summary>Feed state per source, surviving restarts (SQLite locally, Table storage in Azure).</summary>
public interface IFeedStateStore
{
    Task<FeedState?> GetAsync(string sourceId, CancellationToken cancellationToken);

    /// <summary>Stores the state, replacing any earlier state of the same source.</summary>
    Task SaveAsync(FeedState state, CancellationToken cancellationToken);
}
