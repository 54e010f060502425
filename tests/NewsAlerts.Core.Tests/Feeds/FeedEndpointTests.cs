using NewsAlerts.Core.Feeds;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Feeds;

public sealed class FeedEndpointTests
{
    private static readonly Uri RequestUrl = new("https://alerts.example.com/api/feeds/hamas-russia.atom?token=x");

    private readonly FeedTestBed _bed = new();

    [Fact]
    public async Task LinkFor_PointsAtTheEndpoint_AndItsTokenServesTheFeedWithAnETag()
    {
        await _bed.RecordSeedAsync();
        var link = _bed.Feeds.LinkFor("hamas-russia")!;
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"];

        var response = await _bed.Endpoint.GetAsync("hamas-russia.atom", token, null, link, CancellationToken.None);

        Assert.StartsWith("https://alerts.example.com/api/feeds/hamas-russia.atom?token=", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", response.ContentType);
        Assert.Contains(SeedArticle.Title, System.Text.Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
        Assert.NotNull(response.ETag);
        var again = await _bed.Endpoint.GetAsync("hamas-russia.atom", token, response.ETag, link, CancellationToken.None);
        Assert.Equal((304, 0), (again.StatusCode, again.Body.Length));
    }

    [Theory]
    [InlineData("hamas-russia.atom", "forged-token")]
    [InlineData("hamas-russia.atom", null)]
    [InlineData("hamas-russia.rss", "TOKEN")]
    [InlineData("eu-climate.atom", "TOKEN")]
    [InlineData("nope.atom", "TOKEN")]
    public async Task WrongTokenOtherWatchlistsTokenOrUnknownFeed_IsNotFound(string file, string? token)
    {
        var response = await _bed.Endpoint.GetAsync(file, token == "TOKEN" ? _bed.Feeds.TokenFor("hamas-russia") : token, null, RequestUrl, CancellationToken.None);

        Assert.Equal(404, response.StatusCode);
        Assert.Null(response.ETag);
    }

    [Fact]
    public void LinkFor_WithoutFeedsBaseUrl_IsUnderThePublicAddress_AndNullWithoutOne()
    {
        var underPublic = new FeedTestBed(new FeedOptions(), new NewsAlertsOptions { PublicBaseUrl = "https://alerts.example.com/" });

        Assert.StartsWith("https://alerts.example.com/api/feeds/hamas-russia.atom?token=", underPublic.Feeds.LinkFor("hamas-russia")!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Null(new FeedTestBed(new FeedOptions()).Feeds.LinkFor("hamas-russia"));
    }

    [Fact]
    public void FeedToken_IsNotAnUnsubscribeToken()
    {
        var token = _bed.Feeds.TokenFor("sam@example.com");

        Assert.NotEqual(Core.Unsubscribe.TokenStatus.Valid, _bed.Harness.Tokens.Check(token).Status);
        Assert.Equal(22, token.Length);
    }

    [Fact]
    public async Task FeedsOff_AreNotFound()
    {
        var bed = new FeedTestBed(new FeedOptions { Enabled = false });

        var response = await bed.Endpoint.GetAsync("hamas-russia.atom", bed.Feeds.TokenFor("hamas-russia"), null, RequestUrl, CancellationToken.None);

        Assert.Equal(404, response.StatusCode);
    }
}
