using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Reads local feed files directly and http(s) feeds through the named <c>feeds</c> HttpClient.</summary>
public sealed class FeedFetcher(IHttpClientFactory httpClients) : IFeedFetcher
{
    public const string HttpClientName = "feeds";

    public async Task<byte[]> FetchAsync(SourceConfig source, CancellationToken cancellationToken)
    {
        if (source.Location.IsFile)
        {
            return await File.ReadAllBytesAsync(source.Location.LocalPath, cancellationToken);
        }

        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.GetAsync(source.Location, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
