using System.Text;
using System.Xml;

namespace NewsAlerts.Core.Ingestion.Parsing;

/// <summary>
/// One forward pass over RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 0.3/1.0 with <see cref="XmlTextReader"/>. Elements are
/// matched by local name with namespace prefixes ignored, so feeds that use undeclared prefixes still parse. A
/// malformed document keeps every item read before the error, with a warning naming the line. An item whose elements
/// nest deeper than <see cref="MaxDepth"/> is hostile: it is read past without keeping anything, and skipped with a
/// warning. The pass checks the source's budget (its cancellation token) as it goes.
/// </summary>
internal sealed class XmlFeedReader
{
    /// <summary>Deepest element kept: a feed nests 3 or 4 levels, an Atom xhtml body a few dozen at most.</summary>
    public const int MaxDepth = 100;

    private readonly List<string> _warnings;
    private readonly CancellationToken _cancellationToken;
    private int _nodes;
    private bool _itemTooDeep;
    private readonly Uri? _location;
    private readonly List<FeedItem> _items = [];
    private readonly List<Uri?> _bases = [];
    private string _title = "";
    private Uri? _link;
    private string? _language;
    private string _format = "";
    private int _channelDepth = -1;
    private ItemFields? _item;

    private XmlFeedReader(Uri? location, List<string> warnings, CancellationToken cancellationToken)
    {
        _location = location;
        _warnings = warnings;
        _cancellationToken = cancellationToken;
    }

    public static ParsedFeed Read(string text, Uri? location, List<string> warnings, CancellationToken cancellationToken = default)
    {
        var reader = new XmlFeedReader(location, warnings, cancellationToken);
        reader.ReadAll(text);
        return new ParsedFeed(reader._title, reader._link, reader._items, warnings) { Format = reader._format };
    }

    private void ReadAll(string text)
    {
        using var xml = new XmlTextReader(new StringReader(text))
        {
            Namespaces = false,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            WhitespaceHandling = WhitespaceHandling.All, // spaces between inline tags in a title are text
            Normalization = false,
        };
        try
        {
            while (Read(xml))
            {
                if (xml.NodeType == XmlNodeType.Element && xml.Depth > MaxDepth)
                {
                    _itemTooDeep |= _item is not null; // outside an item, deep elements are simply not read
                }
                else if (xml.NodeType == XmlNodeType.Element)
                {
                    OnElement(xml);
                }

                if (_itemTooDeep)
                {
                    SkipItem(xml);
                }
                else if (xml.NodeType == XmlNodeType.EndElement && _item is not null && xml.Depth == _item.Depth)
                {
                    FinishItem();
                }
            }
        }
        catch (XmlException ex)
        {
            if (_item is not null && (_item.Title is not null || _item.Link is not null))
            {
                FinishItem();
            }

            _warnings.Add($"malformed XML at line {ex.LineNumber}, position {ex.LinePosition}: {FirstLine(ex.Message)}; {_items.Count} item(s) read before it kept");
        }

        if (_format.Length == 0)
        {
            _warnings.Add("not a feed: no <rss>, <rdf:RDF> or <feed> root element");
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>Reads the next node, checking the budget every thousand nodes.</summary>
    private bool Read(XmlTextReader xml)
    {
        if (++_nodes % 1024 == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        return xml.Read();
    }

    /// <summary>Reads past the rest of a hostile item, keeping nothing, and drops it with a warning.</summary>
    private void SkipItem(XmlTextReader xml)
    {
        var item = _item!;
        while (!(xml.NodeType == XmlNodeType.EndElement && xml.Depth == item.Depth) && Read(xml))
        {
        }

        _item = null;
        _itemTooDeep = false;
        _warnings.Add($"item {_items.Count + 1} ('{Shorten(item.Title)}') skipped: its elements nest deeper than {MaxDepth} levels");
    }

    private static string LocalName(string name)
    {
        var colon = name.IndexOf(':');
        return colon < 0 ? name : name[(colon + 1)..];
    }

    private void OnElement(XmlTextReader xml)
    {
        var depth = xml.Depth;
        var name = xml.Name;
        var local = LocalName(name);
        var baseUri = UpdateBase(xml, depth);
        if (depth == 0)
        {
            StartDocument(xml, local);
            return;
        }

        if (local is "channel" && _item is null)
        {
            _channelDepth = depth;
            _language ??= xml.GetAttribute("xml:lang");
            return;
        }

        if (local is "item" or "entry" && _item is null)
        {
            _item = new ItemFields(depth) { Language = xml.GetAttribute("xml:lang"), About = xml.GetAttribute("rdf:about") };
            return;
        }

        if (_item is not null && depth == _item.Depth + 1)
        {
            ReadItemField(xml, name, local, baseUri ?? _link ?? _location);
        }
        else if (_item is null && depth == _channelDepth + 1)
        {
            ReadFeedField(xml, name, local, baseUri ?? _location);
        }
    }

    private void StartDocument(XmlTextReader xml, string local)
    {
        var ns = xml.GetAttribute("xmlns") ?? "";
        _format = local switch
        {
            "rss" => $"RSS {xml.GetAttribute("version") ?? "2.0"}",
            "RDF" => ns.Contains("netscape", StringComparison.OrdinalIgnoreCase) || HasAttributeValue(xml, "my.netscape.com") ? "RSS 0.90" : "RSS 1.0",
            "feed" => ns.Contains("purl.org/atom", StringComparison.Ordinal) || xml.GetAttribute("version") == "0.3" ? "Atom 0.3" : "Atom 1.0",
            _ => "",
        };
        if (local is "feed" or "RDF")
        {
            _channelDepth = 0;
        }

        _language = xml.GetAttribute("xml:lang");
    }

    private static bool HasAttributeValue(XmlTextReader xml, string fragment)
    {
        for (var i = 0; i < xml.AttributeCount; i++)
        {
            if (xml.GetAttribute(i).Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tracks <c>xml:base</c> per depth; returns the declared base in force for this element, if any.</summary>
    private Uri? UpdateBase(XmlTextReader xml, int depth)
    {
        while (_bases.Count <= depth)
        {
            _bases.Add(null);
        }

        var inherited = depth == 0 ? null : _bases[depth - 1];
        var declared = xml.HasAttributes ? xml.GetAttribute("xml:base") : null;
        _bases[depth] = declared is null ? inherited : Resolve(declared, inherited ?? _location) ?? inherited;
        return _bases[depth];
    }

    private void ReadFeedField(XmlTextReader xml, string name, string local, Uri? baseUri)
    {
        switch (local)
        {
            case "title":
                _title = ReadContent(xml).Trim();
                break;
            case "link":
                if (AtomLink(xml, baseUri, out var atomLink))
                {
                    _link ??= atomLink;
                }
                else if (!xml.IsEmptyElement)
                {
                    _link ??= Resolve(ReadContent(xml).Trim(), baseUri);
                }

                break;
            case "language" when name is "language" or "dc:language":
                _language = ReadContent(xml).Trim();
                break;
        }
    }

    private void ReadItemField(XmlTextReader xml, string name, string local, Uri? baseUri)
    {
        var item = _item!;
        switch (local)
        {
            case "title":
                item.Title = ReadContent(xml);
                break;
            case "link":
                if (AtomLink(xml, baseUri, out var atomLink))
                {
                    item.Link ??= atomLink;
                }
                else if (!xml.IsEmptyElement)
                {
                    item.Link ??= Resolve(ReadContent(xml).Trim(), baseUri);
                }

                break;
            case "guid":
                item.GuidIsPermaLink = !string.Equals(xml.GetAttribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
                item.Guid = ReadContent(xml).Trim();
                break;
            case "id":
                item.Guid = ReadContent(xml).Trim();
                item.GuidIsPermaLink = false;
                break;
            case "pubDate" or "published" or "issued" or "date" or "created":
                item.Published ??= ReadContent(xml).Trim();
                break;
            case "updated" or "modified":
                item.Updated ??= ReadContent(xml).Trim();
                break;
            case "description" or "summary":
                item.Summary ??= ReadContent(xml);
                break;
            case "encoded" or "content":
                item.Content ??= name == "content" && xml.GetAttribute("src") is not null && xml.IsEmptyElement ? null : ReadContent(xml);
                break;
            case "language":
                item.Language ??= ReadContent(xml).Trim();
                break;
        }
    }

    /// <summary>An Atom-style link (<c>href</c> attribute) that points at the page itself (rel alternate or none).</summary>
    private static bool AtomLink(XmlTextReader xml, Uri? baseUri, out Uri? link)
    {
        link = null;
        var href = xml.GetAttribute("href");
        if (href is null)
        {
            return false;
        }

        var rel = xml.GetAttribute("rel");
        if (rel is null or "alternate")
        {
            link = Resolve(href.Trim(), baseUri);
        }

        return true;
    }

    /// <summary>
    /// The element's content as text: text and CDATA concatenated, child elements (HTML inside a title, Atom xhtml)
    /// kept as markup for the normaliser to strip. Leaves the reader on the end tag, or, when the content nests deeper
    /// than <see cref="MaxDepth"/>, inside it with the item marked hostile.
    /// </summary>
    private string ReadContent(XmlTextReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }

        var depth = xml.Depth;
        if (!Read(xml))
        {
            return "";
        }

        if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
        {
            var first = xml.Value;
            if (!Read(xml) || (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                return first; // the common case: one text or CDATA node, no copy
            }

            return ReadMixed(xml, depth, new StringBuilder(first));
        }

        return xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth ? "" : ReadMixed(xml, depth, new StringBuilder());
    }

    /// <summary>Text, and child elements written back as markup (their text escaped), one node at a time.</summary>
    private string ReadMixed(XmlTextReader xml, int depth, StringBuilder text)
    {
        do
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.Depth > MaxDepth:
                    _itemTooDeep |= _item is not null;
                    return "";
                case XmlNodeType.Element:
                    AppendStartTag(xml, text);
                    break;
                case XmlNodeType.EndElement:
                    text.Append("</").Append(xml.Name).Append('>');
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    // Text right inside the field is already HTML (escaped in the feed); text inside child elements is XML text.
                    text.Append(xml.Depth == depth + 1 ? xml.Value : Escape(xml.Value));
                    break;
            }
        }
        while (Read(xml));

        return text.ToString();
    }

    private static void AppendStartTag(XmlTextReader xml, StringBuilder text)
    {
        text.Append('<').Append(xml.Name);
        for (var i = 0; i < xml.AttributeCount; i++)
        {
            xml.MoveToAttribute(i);
            text.Append(' ').Append(xml.Name).Append("=\"").Append(Escape(xml.Value).Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
        }

        xml.MoveToElement();
        text.Append(xml.IsEmptyElement ? "/>" : ">");
    }

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? value
            : value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private void FinishItem()
    {
        var item = _item!;
        _item = null;
        var published = FeedDates.Parse(item.Published) ?? FeedDates.Parse(item.Updated);
        var rawDate = item.Published ?? item.Updated;
        if (rawDate is { Length: > 0 } && published is null)
        {
            _warnings.Add($"item '{Shorten(item.Title)}': unreadable date '{rawDate}'");
        }

        var link = item.Link;
        if (link is null && item.GuidIsPermaLink && item.Guid is { } guid && Resolve(guid, null) is { Scheme: "http" or "https" } permalink)
        {
            link = permalink;
        }

        link ??= item.About is { } about ? Resolve(about, null) : null;
        if (link is not null && !link.IsAbsoluteUri)
        {
            link = null;
        }

        _items.Add(new FeedItem
        {
            Guid = string.IsNullOrEmpty(item.Guid) ? item.About : item.Guid,
            GuidIsPermaLink = item.GuidIsPermaLink,
            Title = item.Title ?? "",
            Link = link,
            PublishedAt = published,
            Summary = item.Summary,
            Content = item.Content,
            Language = item.Language ?? _language,
        });
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text.Trim() : text[..60].Trim() + "...";

    /// <summary>Resolves a possibly relative link against the element's xml:base, then the feed link, then the document.</summary>
    private static Uri? Resolve(string value, Uri? baseUri)
    {
        if (value.Length == 0)
        {
            return null;
        }

        // "/path" is an absolute file path to Uri on Unix; in a feed it is always relative to the site.
        var looksAbsolute = value.Contains("://", StringComparison.Ordinal) || value.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("tag:", StringComparison.OrdinalIgnoreCase);
        if (looksAbsolute && Uri.TryCreate(value, UriKind.Absolute, out var absolute))
        {
            return absolute;
        }

        return baseUri is not null && Uri.TryCreate(baseUri, value, out var relative) ? relative : null;
    }

    /// <summary>Fields of the item being read; the feed link is applied when the item ends.</summary>
    private sealed class ItemFields(int depth)
    {
        public int Depth { get; } = depth;

        public string? Title { get; set; }

        public Uri? Link { get; set; }

        public string? Guid { get; set; }

        public bool GuidIsPermaLink { get; set; } = true;

        public string? About { get; set; }

        public string? Published { get; set; }

        public string? Updated { get; set; }

        public string? Summary { get; set; }

        public string? Content { get; set; }

        public string? Language { get; set; }
    }
}
