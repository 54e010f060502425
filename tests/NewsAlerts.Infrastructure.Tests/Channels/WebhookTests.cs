using System.Text;
using System.Text.Json.Nodes;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Channels;

public sealed class WebhookTests
{
    [Fact]
    public void Sign_StandardWebhooksTestVector_GivesThePublishedSignature()
    {
        Assert.True(WebhookSignature.TryParseSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out var key, out _));
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        var signature = WebhookSignature.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.True(WebhookSignature.Verify(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body, "v1,bm9wZQ== " + signature));
        Assert.False(WebhookSignature.Verify(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265331", body, signature));
        Assert.False(WebhookSignature.Verify(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", [.. body, (byte)' '], signature));
    }

    [Theory]
    [InlineData("not base64!", "is not a whsec_<base64> secret")]
    [InlineData("whsec_c2hvcnQ=", "holds a 5-byte key")]
    [InlineData("", "is not a whsec_<base64> secret")]
    public void TryParseSecret_BadSecret_SaysWhy(string secret, string reason)
    {
        Assert.False(WebhookSignature.TryParseSecret(secret, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payload_SeedDigest_CarriesTheDigestAndEveryStoryField()
    {
        var view = await SeedDigest.ViewAsync();

        var body = JsonNode.Parse(WebhookPayload.Serialize(view))!;

        Assert.Equal("digest.created", (string)body["type"]!);
        Assert.Equal("2026-11-25T08:00:00+00:00", (string)body["timestamp"]!);
        var data = body["data"]!;
        Assert.Equal(view.Key.DigestId, (string)data["id"]!);
        Assert.Equal(("sam", "Sam Example"), ((string)data["subscriber"]!["id"]!, (string)data["subscriber"]!["name"]!));
        var watchlist = Assert.Single(data["watchlists"]!.AsArray())!;
        Assert.Equal("hamas-russia", (string)watchlist["id"]!);
        var story = Assert.Single(watchlist["stories"]!.AsArray())!;
        Assert.Equal(SeedDigest.ArticleId, (string)story["id"]!);
        Assert.Equal(SeedArticle.Title, (string)story["title"]!);
        Assert.Equal(SeedDigest.Link.AbsoluteUri, (string)story["link"]!);
        Assert.Equal(("sample-world", "Sample World News"), ((string)story["source"]!["id"]!, (string)story["source"]!["name"]!));
        Assert.Equal("2023-10-27T09:15:00+00:00", (string)story["publishedAt"]!);
        Assert.True((double)story["score"]! > 0);
        Assert.Equal(["Hamas/title", "Russia/title", "Hamas/body", "Russia/body", "delegation/body"], story["highlights"]!.AsArray().Select(h => $"{h!["term"]}/{h["field"]}"));
        Assert.Equal(1, (int)story["highlights"]![0]!["count"]!);
        Assert.Contains("delegation", (string)story["snippet"]!, StringComparison.Ordinal);
        Assert.Contains(story["entities"]!.AsArray(), e => (string)e!["text"]! == "Dmitry Peskov" && (string)e["category"]! == "Person");
        Assert.Contains((string)story["sentiment"]!["label"]!, new[] { "negative", "neutral", "mixed", "positive" });
        Assert.Equal(1, (int)story["clusterSize"]!);
    }

    [Fact]
    public async Task Payload_UrgentAlert_HasItsOwnEventType()
    {
        var body = JsonNode.Parse(WebhookPayload.Serialize(await SeedDigest.ViewAsync(urgent: true)))!;

        Assert.Equal(("alert.urgent", true), ((string)body["type"]!, (bool)body["data"]!["urgent"]!));
    }
}
