using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Turns a feed item into an article: plain text, UTC time, stable id.</summary>
public static class ArticleNormalizer
{
    public static Article Normalize(SourceConfig source, FeedItem item, DateTimeOffset ingestedAt)
    {
        var title = HtmlText.ToSingleLine(item.Title);
        var key = item.Guid ?? item.Link?.AbsoluteUri ?? title;
        return new Article
        {
            Id = ArticleId.From(source.Id, key),
            SourceId = source.Id,
            Title = title,
            Body = HtmlText.ToPlainText(item.Content ?? item.Summary),
            Link = item.Link,
            PublishedAt = item.PublishedAt?.ToUniversalTime(),
            IngestedAt = ingestedAt,
            LanguageHint = item.Language,
        };
    }
}
