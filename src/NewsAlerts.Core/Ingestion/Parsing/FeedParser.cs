
namespace NewsAlerts.Core.Ingestion.Parsing;

/// <summary>
/// Reads any feed NewsAlerts supports (RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0, JSON Feed 1.x) leniently, like real feed
/// readers: wrong or missing encodings, BOMs, undeclared entities, bare ampersands, HTML in titles, relative links,
/// broken dates. Never throws on bad input: what could not be read is listed in <see cref="ParsedFeed.Warnings"/>.
/// No DTD is processed and no entity expanded, so XXE and billion-laughs documents finish at once with a warning.
/// </summary>
/// <remarks>
/// Written on <see cref="System.Xml.XmlTextReader"/> rather than taken from CodeHollow.FeedReader or
/// System.ServiceModel.Syndication: both reject the malformed documents above outright (one bare ampersand loses the
/// whole feed) and both are slower on the same corpus; see docs/ingestion.md for the figures.
/// </remarks>
public static class FeedParser
{
    /// <summary>
    /// Parses a feed document; <paramref name="contentType"/> (HTTP header) and <paramref name="location"/> (for relative
    /// links) are optional. <paramref name="cancellationToken"/> (the source's budget) is checked while reading, so a
    /// huge or hostile document is given up in time. An item nested too deep (XML or HTML in its fields) is skipped
    /// with a warning; the rest of the feed is read.
    /// </summary>
    public static ParsedFeed Parse(ReadOnlyMemory<byte> document, string? contentType = null, Uri? location = null, CancellationToken cancellationToken = default)
    {
        var feed = ParseDocument(document, contentType, location, cancellationToken);
        return feed.Items.Any(HasHostileHtml) ? WithoutHostileHtml(feed) : feed;
    }

    private static ParsedFeed ParseDocument(ReadOnlyMemory<byte> document, string? contentType, Uri? location, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var bytes = document.Span;
        if (bytes.Length == 0)
        {
            warnings.Add("empty document");
            return new ParsedFeed("", null, [], warnings);
        }

        if (LooksLikeJson(bytes))
        {
            var utf8 = bytes.StartsWith(FeedEncoding.Utf8Bom) ? document[3..] : document;
            return JsonFeedReader.Read(utf8, location, warnings);
        }

        var text = FeedEncoding.Decode(bytes, contentType, warnings);
        text = FeedText.StripPrologue(text, warnings);
        text = FeedText.RemoveForbiddenChars(text, warnings);
        var repairs = 0;
        text = FeedText.RepairEntities(text, ref repairs);
        if (repairs > 0)
        {
            warnings.Add($"{repairs} bare ampersand(s) or undeclared entity reference(s) repaired");
        }

        return XmlFeedReader.Read(text, location, warnings, cancellationToken);
    }

    private static bool HasHostileHtml(FeedItem item) =>
        HtmlText.Nesting(item.Title) > HtmlText.MaxNesting || HtmlText.Nesting(item.Summary) > HtmlText.MaxNesting || HtmlText.Nesting(item.Content) > HtmlText.MaxNesting;

    private static ParsedFeed WithoutHostileHtml(ParsedFeed feed)
    {
        var warnings = feed.Warnings.ToList();
        var items = new List<FeedItem>();
        for (var i = 0; i < feed.Items.Count; i++)
        {
            if (HasHostileHtml(feed.Items[i]))
            {
                warnings.Add($"item {i + 1} ('{Shorten(HtmlText.ToSingleLine(feed.Items[i].Title))}') skipped: its HTML nests deeper than {HtmlText.MaxNesting} levels");
            }
            else
            {
                items.Add(feed.Items[i]);
            }
        }

        return feed with { Items = items, Warnings = warnings };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    private static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith(FeedEncoding.Utf8Bom) ? 3 : 0;
        var first = bytes[start..].IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && bytes[start + first] == (byte)'{';
    }

}
