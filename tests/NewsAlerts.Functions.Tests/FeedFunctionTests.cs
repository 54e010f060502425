using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Ingestion.Parsing;
using NewsAlerts.Functions.Tests.EndToEnd;
using NewsAlerts.Functions.Tests.Http;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Functions.Tests;

/// <summary>The feed function over the Functions app's services on Azurite, after the seed feed went through every function.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FeedFunctionTests(AzuriteFixture azurite)
{
    /// <summary>The app with a public address, as the template sets it: feed links live under it.</summary>
    private Task<FunctionsApp> StartAsync() =>
        FunctionsApp.StartAsync(azurite, appSettings: new Dictionary<string, string?> { ["NewsAlerts:PublicBaseUrl"] = "https://alerts.example.com" });

    private static async Task<FakeHttpResponse> GetAsync(FunctionsApp app, Uri link, string file, string? ifNoneMatch = null)
    {
        var request = new FakeHttpRequest("GET", link);
        if (ifNoneMatch is not null)
        {
            request.Headers.Add("If-None-Match", ifNoneMatch);
        }

        return (FakeHttpResponse)await app.Create<FeedFunction>().RunAsync(request, file, CancellationToken.None);
    }

    [Fact]
    public async Task Get_WithTheWatchlistsLink_ServesAtomWithTheMatch_ThenNotModified()
    {
        await using var app = await StartAsync();
        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
        var link = app.Services.GetRequiredService<WatchlistFeeds>().LinkFor("hamas-russia")!;

        var response = await GetAsync(app, link, "hamas-russia.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Headers.GetValues("Content-Type").Single());
        var feed = FeedParser.Parse(((MemoryStream)response.Body).ToArray());
        Assert.Equal("Atom 1.0", feed.Format);
        Assert.Equal(SeedArticle.Title, Assert.Single(feed.Items).Title);
        var etag = response.Headers.GetValues("ETag").Single();
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(app, link, "hamas-russia.atom", etag)).StatusCode);
    }

    [Fact]
    public async Task Get_WithAnotherWatchlistsToken_IsNotFound()
    {
        await using var app = await StartAsync();
        var link = app.Services.GetRequiredService<WatchlistFeeds>().LinkFor("eu-climate")!;

        var response = await GetAsync(app, link, "hamas-russia.atom");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("ETag"));
    }

    [Fact]
    public void Metadata_ListsTheAnonymousFeedHttpTriggerForGet()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataTests.MetadataPath()));

        var trigger = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Feed").GetProperty("bindings")[0];

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("feeds/{file}", trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }
}
