using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Feeds;

/// <summary>
/// Writes a watchlist's feed as Atom 1.0 (RFC 4287): one entry per match, newest first, with title, link, published
/// time, source and why it matched. Ids are name-based UUIDs of the watchlist and article, so an entry keeps its id
/// across runs and machines, and the same entries always give the same bytes (a feed reader sees no false update).
/// </summary>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";

    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>The feed document; <paramref name="self"/> is its own URL when served (left out of files on disk).</summary>
    public static byte[] Render(NewsAlertsConfig config, WatchlistConfig watchlist, IReadOnlyList<WatchlistFeedEntry> entries, Uri? self = null)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteElementString("id", Namespace, Urn(watchlist.Id));
            xml.WriteElementString("title", Namespace, $"{watchlist.Name} · NewsAlerts");
            xml.WriteElementString("subtitle", Namespace, $"Latest articles matching the watchlist query: {watchlist.Query}");
            xml.WriteElementString("updated", Namespace, Time(entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.MatchedAt)));
            if (self is not null)
            {
                Link(xml, "self", self.AbsoluteUri, ContentType.Split(';')[0]);
            }

            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, "NewsAlerts");
            xml.WriteEndElement();
            xml.WriteElementString("generator", Namespace, "NewsAlerts");
            foreach (var entry in entries)
            {
                Entry(xml, config, entry);
            }

            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>The entry id: a UUID named by the watchlist and the article (same inputs, same id).</summary>
    public static string EntryId(string watchlistId, string articleId) => Urn($"{watchlistId}\n{articleId}");

    private static void Entry(XmlWriter xml, NewsAlertsConfig config, WatchlistFeedEntry entry)
    {
        var source = config.FindSource(entry.SourceId)?.DisplayName ?? entry.SourceId;
        xml.WriteStartElement("entry", Namespace);
        xml.WriteElementString("id", Namespace, EntryId(entry.WatchlistId, entry.ArticleId));
        xml.WriteElementString("title", Namespace, entry.Title);
        if (entry.Link is not null)
        {
            Link(xml, "alternate", entry.Link, null);
        }

        if (entry.PublishedAt is { } published)
        {
            xml.WriteElementString("published", Namespace, Time(published));
        }

        xml.WriteElementString("updated", Namespace, Time(entry.MatchedAt));
        xml.WriteStartElement("category", Namespace);
        xml.WriteAttributeString("term", entry.SourceId);
        xml.WriteAttributeString("label", source);
        xml.WriteEndElement();
        xml.WriteStartElement("source", Namespace);
        xml.WriteElementString("title", Namespace, source);
        xml.WriteEndElement();
        xml.WriteStartElement("content", Namespace);
        xml.WriteAttributeString("type", "html");
        xml.WriteString(Content(entry, source));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Content(WatchlistFeedEntry entry, string source)
    {
        var published = entry.PublishedAt is { } at ? $" · published {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "";
        var score = entry.Score.ToString("0.00", CultureInfo.InvariantCulture);
        return $"<p>{WebUtility.HtmlEncode(entry.Why)}</p><p>{WebUtility.HtmlEncode(source)}{published} · score {score}</p>";
    }

    private static void Link(XmlWriter xml, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A name-based UUID (RFC 9562 version 8, from SHA-256) as a URN.</summary>
    private static string Urn(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("newsalerts-feed\n" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
