using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Gets an article's web page under the same HTTP rules as its source's feed.</summary>
public interface IArticlePageFetcher
{
    /// <summary>
    /// Fetches <paramref name="page"/> with <paramref name="source"/>'s timeout and SSRF setting, the shared retries,
    /// redirect limit, size cap and User-Agent. Throws <see cref="FeedFetchException"/> with a one-line reason.
    /// </summary>
    Task<FeedFetchResult> FetchPageAsync(SourceConfig source, Uri page, CancellationToken cancellationToken);
}
