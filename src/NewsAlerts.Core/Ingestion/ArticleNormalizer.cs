using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Turns a feed item into an article: plain text, canonical link, UTC time, stable id, language hint.</summary>
public static class ArticleNormalizer
{
    /// <summary>Normalises every item of a feed; a guid shared by several items of the feed is not trusted as an id.</summary>
    public static IReadOnlyList<Article> NormalizeAll(SourceConfig source, ParsedFeed feed, DateTimeOffset ingestedAt)
    {
        var guidCounts = feed.Items.Where(i => !string.IsNullOrWhiteSpace(i.Guid)).GroupBy(i => i.Guid!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. feed.Items.Select(item => Normalize(source, item, ingestedAt, item.Guid is { } g && guidCounts.GetValueOrDefault(g.Trim()) == 1))];
    }

    public static Article Normalize(SourceConfig source, FeedItem item, DateTimeOffset ingestedAt) => Normalize(source, item, ingestedAt, guidIsUnique: true);

    private static Article Normalize(SourceConfig source, FeedItem item, DateTimeOffset ingestedAt, bool guidIsUnique)
    {
        var title = HtmlText.ToSingleLine(item.Title);
        var body = HtmlText.ToPlainText(item.Content ?? item.Summary);
        var link = CanonicalUrl.From(item.Link);
        return new Article
        {
            Id = ArticleId.From(source.Id, StableKey(item, link, title, guidIsUnique)),
            SourceId = source.Id,
            Title = title,
            Body = body,
            Link = link.Length > 0 ? new Uri(link) : null,
            PublishedAt = item.PublishedAt?.ToUniversalTime(),
            IngestedAt = ingestedAt,
            LanguageHint = LanguageHint.For(item.Language, $"{title} {body}"),
        };
    }

    /// <summary>
    /// The item's guid when it can be trusted (present, at least 4 characters, unique in the feed), else its canonical
    /// URL, else its title: feeds that reuse one guid, or put a counter in it, would otherwise merge different stories.
    /// </summary>
    internal static string StableKey(FeedItem item, string canonicalLink, string title, bool guidIsUnique)
    {
        var guid = item.Guid?.Trim();
        if (guidIsUnique && guid is { Length: >= 4 })
        {
            return guid;
        }

        return canonicalLink.Length > 0 ? canonicalLink : title;
    }
}
