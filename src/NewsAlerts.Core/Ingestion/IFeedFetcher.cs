using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Gets a source's feed document, from a file or over HTTP.</summary>
public interface IFeedFetcher
{
    Task<byte[]> FetchAsync(SourceConfig source, CancellationToken cancellationToken);
}
