using System.Text.Json.Nodes;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Channels;

public sealed class TeamsMessageTests
{
    [Fact]
    public async Task Build_SeedDigest_IsAWorkflowsMessageWithAnAdaptiveCard()
    {
        var message = TeamsMessage.Build(await SeedDigest.ViewAsync());

        Assert.Equal("message", (string)message["type"]!);
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)attachment["contentType"]!);
        var card = attachment["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4"), ((string)card["type"]!, (string)card["version"]!));
        var texts = Texts(card).ToList();
        Assert.Contains("Hamas delegation Russia · 1", texts);
        Assert.Contains($"[{TeamsMessage.Escape(SeedArticle.Title)}]({SeedDigest.Link.AbsoluteUri})", texts);
        Assert.Contains(texts, t => t.StartsWith("Sample World News · 2023-10-27 10:15 Europe/London", StringComparison.Ordinal));
        Assert.Contains("✓ Matched: Hamas, delegation, Russia in the title and text", texts);
        Assert.InRange(TeamsMessage.Size(message), 1, TeamsMessage.DefaultMaxBytes);
    }

    [Fact]
    public void Build_LargeDigest_StaysUnderTheSizeLimit_AndCountsWhatItLeftOut()
    {
        var message = TeamsMessage.Build(TestDigests.Many(200, titleLength: 200));

        Assert.InRange(TeamsMessage.Size(message), 10_000, TeamsMessage.DefaultMaxBytes);
        var card = message["attachments"]![0]!["content"]!;
        var shown = card["body"]!.AsArray().Count(b => (string)b!["type"]! == "Container");
        Assert.InRange(shown, 1, 199);
        Assert.Contains($"and {200 - shown} more articles in this digest, not shown here", Texts(card));
    }

    [Fact]
    public void Build_MarkdownInFeedText_IsEscaped()
    {
        var message = TeamsMessage.Build(TestDigests.One("Hamas delegation Russia **breaking** [x](https://evil.example)", "https://example.org/a_(b)"));

        var texts = Texts(message["attachments"]![0]!["content"]!).ToList();
        Assert.Contains(@"[Hamas delegation Russia \*\*breaking\*\* \[x\](https://evil.example)](https://example.org/a_%28b%29)", texts);
    }

    private static IEnumerable<string> Texts(JsonNode card) =>
        card["body"]!.AsArray().SelectMany(b => (string)b!["type"]! == "Container" ? b["items"]!.AsArray() : new JsonArray(b.DeepClone()))
            .Select(b => (string)b!["text"]!);
}
