using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Gets a source's feed document, from a file or over HTTP.</summary>
public interface IFeedFetcher
{
    /// <summary>
    /// Fetches the source, sending <paramref name="previous"/>'s validators for a conditional GET.
    /// Throws <see cref="FeedFetchException"/> with a one-line reason when the source cannot be read.
    /// </summary>
    Task<FeedFetchResult> FetchAsync(SourceConfig source, FeedState? previous, CancellationToken cancellationToken);
}
