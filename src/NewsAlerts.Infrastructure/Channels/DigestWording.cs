using NewsAlerts.Core.Digests;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>The sentences the chat messages share with the email templates, so a digest reads the same everywhere.</summary>
internal static class DigestWording
{
    /// <summary>"NewsAlerts digest" or "NewsAlerts urgent alert".</summary>
    public static string Kind(DigestView digest) => digest.Urgent ? "NewsAlerts urgent alert" : "NewsAlerts digest";

    /// <summary>"3 new articles for Sam Example".</summary>
    public static string Headline(DigestView digest) =>
        $"{digest.ArticleCount} new {(digest.ArticleCount == 1 ? "article" : "articles")} for {digest.Greeting}";

    /// <summary>"Sample World News · 2023-10-27 11:15 Europe/London · Negative".</summary>
    public static string Byline(StoryView story) =>
        story.Sentiment is { } sentiment ? $"{story.Source} · {story.Time} · {sentiment}" : $"{story.Source} · {story.Time}";

    /// <summary>"and 2 similar articles from A, B", or null for a story of one article.</summary>
    public static string? Similar(StoryView story) =>
        story.Similar == 0
            ? null
            : $"and {story.Similar} similar {(story.Similar == 1 ? "article" : "articles")}{(story.SimilarSources.Count > 0 ? " from " + string.Join(", ", story.SimilarSources) : "")}";

    public const string NewCoverage = "New coverage of a story you already got";

    /// <summary>"and 4 more articles in this digest, not shown here", or null when every article is shown.</summary>
    public static string? More(int articles) =>
        articles <= 0 ? null : $"and {articles} more {(articles == 1 ? "article" : "articles")} in this digest, not shown here";

    public static string Footer(DigestView digest) => $"You receive this because you follow {string.Join(", ", digest.Watchlists)} in NewsAlerts.";

    /// <summary>How many articles a story stands for: its lead and the similar ones folded into it.</summary>
    public static int ArticlesIn(StoryView story) => story.Similar + 1;

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> chars, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--; // never split a surrogate pair: half an emoji is not valid text
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }
}
