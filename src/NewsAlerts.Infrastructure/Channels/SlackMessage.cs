using System.Text;
using System.Text.Json.Nodes;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>
/// A digest as a Slack incoming-webhook message in Block Kit: a context line (digest, date, for whom), a header block
/// per watchlist, one section per story (linked title, source, local time, sentiment, why it matched, entities, "and
/// N similar articles"), a "more in this digest" line when something is not shown, and a plain <c>text</c> fallback
/// for notifications. Slack's limits (docs.slack.dev Block Kit reference): at most 50 blocks, 150 characters in a
/// header, 3,000 in a section; and Slack refuses a message whose blocks carry much more than about 12,000 characters
/// in all (msg_blocks_too_long, slackapi/bolt-js#2509), so stories stop at <see cref="TextBudget"/>.
/// </summary>
public static class SlackMessage
{
    public const int MaxBlocks = 50;

    public const int MaxHeaderText = 150;

    public const int MaxSectionText = 3000;

    public const int MaxContextText = 2000;

    /// <summary>Longer article URLs are left out, so a story's section always fits its 3,000 characters whole.</summary>
    private const int MaxLinkLength = 1500;

    /// <summary>Characters of block text one message may carry, with headroom below Slack's undocumented total.</summary>
    public const int TextBudget = 11_000;

    /// <summary>Room kept in <see cref="TextBudget"/> for the "more in this digest" line.</summary>
    private const int MoreLineReserve = 100;

    /// <summary>Longest <c>text</c> fallback; it shows in notifications, which cut far earlier anyway.</summary>
    public const int MaxFallbackText = 3000;

    public static JsonObject Build(DigestView digest)
    {
        var blocks = new List<JsonObject> { Context($"*{Escape(DigestWording.Kind(digest))}* · {Escape(digest.Date)} · {Escape(DigestWording.Headline(digest))}") };
        var footer = Context(Escape(DigestWording.Footer(digest)));
        var text = Length(blocks[0]) + Length(footer) + MoreLineReserve;
        var hidden = digest.NotListed;
        const int reserved = 2; // the "more" line and the footer
        foreach (var section in digest.Sections)
        {
            var header = Header($"{section.Name} · {section.Count}");
            for (var i = 0; i < section.Stories.Count; i++)
            {
                var story = section.Stories[i];
                var block = Story(story);
                var needed = (i == 0 ? 2 : 1) + blocks.Count + reserved;
                var size = Length(block) + (i == 0 ? Length(header) : 0);
                if (needed > MaxBlocks || text + size > TextBudget)
                {
                    hidden += DigestWording.ArticlesIn(story);
                    continue;
                }

                if (i == 0)
                {
                    blocks.Add(header);
                }

                blocks.Add(block);
                text += size;
            }
        }

        if (DigestWording.More(hidden) is { } more)
        {
            blocks.Add(Context($"_{Escape(more)}_"));
        }

        blocks.Add(footer);
        return new JsonObject
        {
            ["text"] = Fallback(digest),
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    /// <summary>Slack's escaping for text objects: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> (everything else is literal).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Story(StoryView story)
    {
        var title = Escape(DigestWording.Truncate(story.Title, 300));
        var lines = new List<string>();
        if (story.NewCoverage)
        {
            lines.Add($"_{DigestWording.NewCoverage}_");
        }

        lines.Add(story.Url is { Length: <= MaxLinkLength } url ? $"*<{LinkTarget(url)}|{title}>*" : $"*{title}*");
        lines.Add(Escape(DigestWording.Byline(story)));
        lines.Add($"✓ {Escape(story.Why)}");
        if (story.Entities.Count > 0)
        {
            lines.Add($"In this story: {Escape(string.Join(", ", story.Entities))}");
        }

        if (DigestWording.Similar(story) is { } similar)
        {
            lines.Add(Escape(similar));
        }

        return new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = DigestWording.Truncate(string.Join("\n", lines), MaxSectionText) },
        };
    }

    /// <summary>A URL inside <c>&lt;url|text&gt;</c>: the characters that would end the link are percent-encoded.</summary>
    private static string LinkTarget(string url) => url.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal);

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = DigestWording.Truncate(text, MaxHeaderText), ["emoji"] = true },
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = DigestWording.Truncate(mrkdwn, MaxContextText) }),
    };

    /// <summary>The text inside a block (what Slack's total counts), found by walking its JSON.</summary>
    private static int Length(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "text" && p.Value is JsonValue v ? v.GetValue<string>().Length : Length(p.Value)),
        JsonArray a => a.Sum(Length),
        _ => 0,
    };

    /// <summary>The subject and the listed titles: what notifications and clients without Block Kit show.</summary>
    private static string Fallback(DigestView digest)
    {
        var text = new StringBuilder(Escape(digest.Subject));
        foreach (var story in digest.Sections.SelectMany(s => s.Stories))
        {
            text.Append("\n• ").Append(Escape(story.Title));
        }

        return DigestWording.Truncate(text.ToString(), MaxFallbackText);
    }
}
