using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Ingestion;

public sealed class FeedFetcherTests
{
    private sealed class SingleClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    [Fact]
    public async Task Fetch_HttpSource_ReturnsTheServedDocument()
    {
        await using var server = await LocalHttpServer.StartAsync(app =>
            app.MapGet("/feed.xml", () => Results.Text("<rss version=\"2.0\"><channel><title>T</title></channel></rss>", "application/rss+xml")));
        var source = new SourceConfig { Id = "s", Url = server.Url("feed.xml").AbsoluteUri, Location = server.Url("feed.xml") };

        var document = await new FeedFetcher(new SingleClientFactory()).FetchAsync(source, CancellationToken.None);

        using var stream = new MemoryStream(document);
        Assert.Equal("T", RssParser.Parse(stream).Title);
    }
}
