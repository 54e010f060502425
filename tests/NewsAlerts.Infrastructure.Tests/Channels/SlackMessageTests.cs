using System.Text.Json.Nodes;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Channels;

public sealed class SlackMessageTests
{
    [Fact]
    public async Task Build_SeedDigest_HeaderPerWatchlistAndALinkedStoryWithSourceTimeAndWhy()
    {
        var message = SlackMessage.Build(await SeedDigest.ViewAsync());

        var blocks = message["blocks"]!.AsArray();
        Assert.StartsWith("NewsAlerts: 1 new article for Hamas delegation Russia", (string)message["text"]!, StringComparison.Ordinal);
        Assert.Contains(SeedArticle.Title, (string)message["text"]!, StringComparison.Ordinal);
        var header = Assert.Single(blocks, b => (string)b!["type"]! == "header");
        Assert.Equal("Hamas delegation Russia · 1", (string)header!["text"]!["text"]!);
        var story = (string)Assert.Single(blocks, b => (string)b!["type"]! == "section")!["text"]!["text"]!;
        Assert.Contains($"*<{SeedDigest.Link.AbsoluteUri}|{SeedArticle.Title}>*", story, StringComparison.Ordinal);
        Assert.Contains("Sample World News · 2023-10-27 10:15 Europe/London", story, StringComparison.Ordinal);
        Assert.Contains("Matched: Hamas, delegation, Russia in the title and text", story, StringComparison.Ordinal);
        Assert.DoesNotContain(blocks, b => Text(b).Contains("not shown here", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_HundredsOfStories_StaysWithinSlackLimits_AndCountsWhatItLeftOut()
    {
        var digest = TestDigests.Many(300, titleLength: 250);

        var message = SlackMessage.Build(digest);

        var blocks = message["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 3, SlackMessage.MaxBlocks);
        Assert.InRange(blocks.Sum(b => Text(b).Length), 1, SlackMessage.TextBudget);
        Assert.All(blocks.Where(b => (string)b!["type"]! == "header"), b => Assert.InRange(Text(b).Length, 1, SlackMessage.MaxHeaderText));
        Assert.All(blocks.Where(b => (string)b!["type"]! == "section"), b => Assert.InRange(Text(b).Length, 1, SlackMessage.MaxSectionText));
        var shown = blocks.Count(b => (string)b!["type"]! == "section");
        Assert.Contains($"_and {300 - shown} more articles in this digest, not shown here_", blocks.Select(Text));
    }

    [Fact]
    public void Build_MarkupInFeedText_IsEscapedAndCannotBreakTheLink()
    {
        var message = SlackMessage.Build(TestDigests.One("Hamas delegation Russia <!channel> & <https://evil.example|click>", "https://example.org/a?x=1|y>z"));

        var story = Text(message["blocks"]!.AsArray().Single(b => (string)b!["type"]! == "section"));
        Assert.Contains("<https://example.org/a?x=1%7Cy%3Ez|Hamas delegation Russia &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;>", story, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", (string)message["text"]! + Text(message["blocks"]), StringComparison.Ordinal);
    }

    private static string Text(JsonNode? block) => block switch
    {
        JsonObject o => string.Concat(o.Select(p => p.Key == "text" && p.Value is JsonValue v ? v.GetValue<string>() : Text(p.Value))),
        JsonArray a => string.Concat(a.Select(Text)),
        _ => "",
    };
}
