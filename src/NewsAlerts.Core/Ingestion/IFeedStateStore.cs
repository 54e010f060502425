using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Ingestion;

/// <summary>
/// What NewsAlerts remembers of a source between polls: conditional-GET validators, when it was polled, and its
/// health for <c>newsalerts status</c> (last success, failures in a row, the last error, items read last time).
/// </summary>
/// <param name="ETag">The last response's <c>ETag</c>, sent back as <c>If-None-Match</c>.</param>
/// <param name="LastModified">The last response's <c>Last-Modified</c>, sent back as <c>If-Modified-Since</c>.</param>
/// <param name="LastPolledAt">When the source was last tried, whatever the outcome; the next poll is due a poll interval later.</param>
public sealed record FeedState(string SourceId, string? ETag, DateTimeOffset? LastModified, DateTimeOffset? LastPolledAt)
{
    /// <summary>When the source was last read without an error (a 304 counts).</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Polls in a row that failed; 0 once one succeeds.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The last failure's one-line reason; null once a poll succeeds.</summary>
    public string? LastError { get; init; }

    /// <summary>Items the last successful read found in the feed (new or not); null before the first.</summary>
    public int? ItemsLastRead { get; init; }

    /// <summary>When the source is next due: a poll interval after the last poll; null when it never was polled (due now).</summary>
    public DateTimeOffset? NextPollAt(SourceConfig source) => LastPolledAt + source.PollInterval;

    /// <summary>True when <paramref name="state"/> says the source was never polled or its poll interval has passed.</summary>
    public static bool IsDue(SourceConfig source, FeedState? state, DateTimeOffset now) =>
        state?.NextPollAt(source) is not { } next || now >= next;
}

/// <summary>Feed state per source, surviving restarts (SQLite locally, Table storage in Azure).</summary>
public interface IFeedStateStore
{
    Task<FeedState?> GetAsync(string sourceId, CancellationToken cancellationToken);

    /// <summary>Stores the state, replacing any earlier state of the same source.</summary>
    Task SaveAsync(FeedState state, CancellationToken cancellationToken);
}
