using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Functions;

/// <summary>A watchlist's Atom feed for feed readers: <c>GET /api/feeds/{watchlist}.atom?token=...</c>.</summary>
public sealed class FeedFunction(FeedEndpoint endpoint)
{
    [Function("Feed")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feeds/{file}")] HttpRequestData request,
        string file,
        CancellationToken cancellationToken)
    {
        var ifNoneMatch = request.Headers.TryGetValues("If-None-Match", out var values) ? string.Join(",", values) : null;
        var feed = await endpoint.GetAsync(file, request.Query["token"], ifNoneMatch, request.Url, cancellationToken);
        var response = request.CreateResponse((HttpStatusCode)feed.StatusCode);
        response.Headers.Add("Content-Type", feed.ContentType);
        // The token is in the URL: a shared cache must not keep the feed, a reader may for a few minutes.
        response.Headers.Add("Cache-Control", feed.ETag is null ? "no-store" : "private, max-age=300");
        if (feed.ETag is not null)
        {
            response.Headers.Add("ETag", feed.ETag);
        }

        await response.Body.WriteAsync(feed.Body, cancellationToken);
        return response;
    }
}
