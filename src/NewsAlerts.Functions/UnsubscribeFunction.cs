using System.Net;
using System.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using NewsAlerts.Core.Unsubscribe;

namespace NewsAlerts.Functions;

/// <summary>The link in every digest: GET shows a confirmation, POST unsubscribes (RFC 8058 one-click).</summary>
public sealed class UnsubscribeFunction(UnsubscribeEndpoint endpoint)
{
    [Function("Unsubscribe")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["token"];
        var page = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase)
            ? await endpoint.UnsubscribeAsync(token ?? HttpUtility.ParseQueryString(await request.ReadAsStringAsync() ?? "")["token"], cancellationToken)
            : endpoint.Confirm(token);
        var response = request.CreateResponse((HttpStatusCode)page.StatusCode);
        response.Headers.Add("Content-Type", "text/html; charset=utf-8");
        response.Headers.Add("Cache-Control", "no-store");
        await response.WriteStringAsync(page.Html, cancellationToken);
        return response;
    }
}
