using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace NewsAlerts.Core.Configuration;

/// <summary>One feed of an OPML subscription list: its title, feed URL, site URL and the categories it was filed under.</summary>
public sealed record OpmlFeed(string Title, string XmlUrl, string? HtmlUrl, IReadOnlyList<string> Categories);

/// <summary>
/// OPML 2.0 subscription lists, as feed readers import and export them: every <c>outline</c> with an <c>xmlUrl</c> is a
/// feed; the outlines around it and its <c>category</c> attribute become its categories (tags in NewsAlerts).
/// </summary>
public static class Opml
{
    /// <summary>Reads the feeds of an OPML document; throws <see cref="FormatException"/> naming the line of what is wrong.</summary>
    public static IReadOnlyList<OpmlFeed> Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"line {ex.LineNumber}: not well-formed XML: {ex.Message.Split('\n')[0].Trim()}", ex);
        }

        if (document.Root?.Name.LocalName != "opml" || document.Root.Element("body") is not { } body)
        {
            throw new FormatException("not OPML: expected an <opml> root with a <body>");
        }

        var feeds = new List<OpmlFeed>();
        Collect(body, [], feeds);
        return feeds;
    }

    /// <summary>Writes an OPML 2.0 document listing <paramref name="sources"/> (tags as <c>category</c>).</summary>
    public static void Write(Stream stream, IEnumerable<SourceConfig> sources, DateTimeOffset now)
    {
        var body = new XElement("body", sources.Select(s => new XElement(
            "outline",
            new XAttribute("type", "rss"),
            new XAttribute("text", s.DisplayName),
            new XAttribute("title", s.DisplayName),
            new XAttribute("xmlUrl", s.Url),
            s.Tags.Count > 0 ? new XAttribute("category", string.Join(",", s.Tags.Select(t => "/" + t))) : null,
            s.Enabled ? null : new XAttribute("isComment", "true"))));
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", "NewsAlerts sources"),
                    new XElement("dateCreated", now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture))),
                body));
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        document.Save(writer);
    }

    private static void Collect(XElement parent, IReadOnlyList<string> folders, List<OpmlFeed> feeds)
    {
        foreach (var outline in parent.Elements().Where(e => e.Name.LocalName == "outline"))
        {
            var title = (string?)outline.Attribute("title") ?? (string?)outline.Attribute("text") ?? "";
            if (((string?)outline.Attribute("xmlUrl"))?.Trim() is { Length: > 0 } xmlUrl)
            {
                var categories = ((string?)outline.Attribute("category") ?? "")
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => c.Trim('/'))
                    .Where(c => c.Length > 0);
                feeds.Add(new OpmlFeed(title.Trim(), xmlUrl, (string?)outline.Attribute("htmlUrl"), [.. folders.Concat(categories).Distinct(StringComparer.Ordinal)]));
            }

            Collect(outline, title.Trim().Length > 0 && outline.Attribute("xmlUrl") is null ? [.. folders, title.Trim()] : folders, feeds);
        }
    }
}
