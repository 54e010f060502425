using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Parses RSS 2.0 documents. No DTDs are processed, so no external entity is ever fetched.</summary>
public static class RssParser
{
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";

    private static readonly string[] DateFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'", "ddd, d MMM yyyy HH:mm:ss 'UTC'", "yyyy-MM-dd'T'HH:mm:ssK",
    ];

    public static ParsedFeed Parse(Stream stream)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(stream, settings);
        var document = XDocument.Load(reader);
        var channel = document.Root?.Element("channel")
            ?? throw new FormatException("not an RSS 2.0 feed: no <rss><channel> element");

        var warnings = new List<string>();
        var language = Text(channel, "language");
        var items = channel.Elements("item").Select(item => ParseItem(item, warnings) with { Language = language }).ToList();
        return new ParsedFeed(Text(channel, "title") ?? "", ToUri(Text(channel, "link")), items, warnings);
    }

    private static FeedItem ParseItem(XElement item, List<string> warnings)
    {
        var title = Text(item, "title") ?? "";
        var pubDate = Text(item, "pubDate");
        var published = ParseDate(pubDate);
        if (pubDate is not null && published is null)
        {
            warnings.Add($"item '{title}': unreadable pubDate '{pubDate}'");
        }

        return new FeedItem
        {
            Guid = Text(item, "guid"),
            Title = title,
            Link = ToUri(Text(item, "link")),
            PublishedAt = published,
            Summary = Text(item, "description"),
            Content = item.Element(ContentNs + "encoded")?.Value,
        };
    }

    private static string? Text(XElement parent, string name) => parent.Element(name)?.Value.Trim() is { Length: > 0 } s ? s : null;

    private static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    internal static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, styles, out var exact))
        {
            return exact.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out var loose) ? loose.ToUniversalTime() : null;
    }
}
