using System.Text.Json;
using System.Text.Json.Nodes;
using NewsAlerts.Core.Digests;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>
/// A digest as the message a Teams Workflows webhook ("Post to a channel when a webhook request is received")
/// takes: <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":
/// {"type":"AdaptiveCard",...}}]}</c>, with the same content as the Slack message. Teams refuses messages over about
/// 28 KB (learn.microsoft.com, "Create incoming webhooks" and the Teams connector's known limits; some report the
/// cut nearer 21 KB), so stories that would take the message past <see cref="DefaultMaxBytes"/> are left out and
/// counted in a "more in this digest" line.
/// </summary>
public static class TeamsMessage
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Adaptive Cards 1.4: what Teams renders on desktop, web and mobile alike.</summary>
    public const string CardVersion = "1.4";

    /// <summary>The largest message built, in UTF-8 bytes: well under Teams' 28 KB, below the 21 KB some observe.</summary>
    public const int DefaultMaxBytes = 20_000;

    public static JsonObject Build(DigestView digest, int maxBytes = DefaultMaxBytes)
    {
        var stories = digest.Sections.SelectMany(s => s.Stories).ToList();
        for (var shown = stories.Count; ; shown--)
        {
            var message = Build(digest, stories.Take(shown).ToHashSet());
            if (shown == 0 || Size(message) <= maxBytes)
            {
                return message;
            }
        }
    }

    public static int Size(JsonNode message) => JsonSerializer.SerializeToUtf8Bytes(message, ChannelJson.Options).Length;

    private static JsonObject Build(DigestView digest, HashSet<StoryView> shown)
    {
        var body = new JsonArray
        {
            Text(DigestWording.Kind(digest), ("size", "Small"), ("weight", "Bolder"), ("color", "Accent")),
            Text(DigestWording.Headline(digest), ("size", "Large"), ("weight", "Bolder"), ("spacing", "None")),
            Text(digest.Date, ("isSubtle", true), ("spacing", "None")),
        };
        var hidden = digest.NotListed;
        foreach (var section in digest.Sections)
        {
            var stories = section.Stories.Where(shown.Contains).ToList();
            hidden += section.Stories.Except(stories).Sum(DigestWording.ArticlesIn);
            if (stories.Count == 0)
            {
                continue;
            }

            body.Add(Text($"{section.Name} · {section.Count}", ("size", "Medium"), ("weight", "Bolder"), ("color", "Accent"), ("separator", true), ("spacing", "Large")));
            foreach (var story in stories)
            {
                body.Add(Story(story));
            }
        }

        if (DigestWording.More(hidden) is { } more)
        {
            body.Add(Text(more, ("isSubtle", true), ("spacing", "Medium")));
        }

        body.Add(Text(DigestWording.Footer(digest), ("size", "Small"), ("isSubtle", true), ("separator", true), ("spacing", "Large")));
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = CardVersion,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card }),
        };
    }

    private static JsonObject Story(StoryView story)
    {
        var title = DigestWording.Truncate(story.Title, 300);
        var items = new JsonArray();
        if (story.NewCoverage)
        {
            items.Add(Text(DigestWording.NewCoverage, ("size", "Small"), ("weight", "Bolder"), ("color", "Warning")));
        }

        var heading = story.Url is { } url ? Markdown($"[{Escape(title)}]({LinkTarget(url)})") : Text(title);
        heading["weight"] = "Bolder";
        heading["spacing"] = "None";
        items.Add(heading);
        items.Add(Text(DigestWording.Byline(story), ("size", "Small"), ("isSubtle", true), ("spacing", "None")));
        items.Add(Text("✓ " + story.Why, ("size", "Small"), ("spacing", "Small")));
        if (story.Entities.Count > 0)
        {
            items.Add(Text("In this story: " + string.Join(", ", story.Entities), ("size", "Small"), ("isSubtle", true), ("spacing", "None")));
        }

        if (DigestWording.Similar(story) is { } similar)
        {
            items.Add(Text(similar, ("size", "Small"), ("isSubtle", true), ("spacing", "None")));
        }

        return new JsonObject { ["type"] = "Container", ["spacing"] = "Medium", ["items"] = items };
    }

    /// <summary>
    /// Backslash-escapes the characters Teams' Markdown subset would read as formatting, so a headline with an
    /// asterisk or brackets shows as written.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '`' or '~' or '#' or '<' or '>')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A URL inside <c>[text](url)</c>: the characters that would end the link are percent-encoded.</summary>
    private static string LinkTarget(string url) => url.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);

    /// <summary>A text block showing <paramref name="text"/> as written.</summary>
    private static JsonObject Text(string text, params (string Name, JsonNode? Value)[] properties) => Markdown(Escape(text), properties);

    /// <summary>A text block whose text is already Markdown (a link with an escaped label).</summary>
    private static JsonObject Markdown(string markdown, params (string Name, JsonNode? Value)[] properties)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        foreach (var (name, value) in properties)
        {
            block[name] = value;
        }

        return block;
    }
}
