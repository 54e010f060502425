using System.Net;
using System.Text;

namespace NewsAlerts.Core.Ingestion;

/// <summary>
/// Turns feed HTML into plain text: scripts and styles dropped, entities decoded, paragraph breaks kept. Every step is
/// one pass over the text, so time grows linearly with its length whatever it holds (200,000 nested tags included);
/// the regular expressions this replaces were quadratic on long runs of blank lines.
/// </summary>
public static class HtmlText
{
    /// <summary>
    /// How deep tags may nest in one feed field before its item counts as hostile and is skipped. Real markup stays far
    /// below; elements that HTML closes implicitly (<c>p</c>, <c>li</c>, table cells...) and void elements do not count,
    /// so sloppy but honest markup never reaches it.
    /// </summary>
    public const int MaxNesting = 1000;

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "tr", "table", "section", "article",
    };

    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup",
    };

    /// <summary>Plain text with paragraphs separated by one blank line.</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        return Paragraphs(WebUtility.HtmlDecode(StripTags(html)));
    }

    /// <summary>Plain text on one line, for titles.</summary>
    public static string ToSingleLine(string? html) => Paragraphs(ToPlainText(html), " ");

    /// <summary>The deepest tag nesting in <paramref name="html"/>, counting no further than <paramref name="stopAt"/>.</summary>
    public static int Nesting(string? html, int stopAt = MaxNesting + 1)
    {
        var (depth, deepest) = (0, 0);
        for (var tag = Next(html ?? "", 0); tag.Found && deepest < stopAt; tag = Next(html!, tag.End))
        {
            if (NotNesting.Contains(tag.Name) || tag.SelfClosing)
            {
                continue;
            }

            depth = tag.Closing ? Math.Max(0, depth - 1) : depth + 1;
            deepest = Math.Max(deepest, depth);
        }

        return deepest;
    }

    /// <summary>Block tags and <c>br</c> become a paragraph break, script and style elements go with their content, other tags go.</summary>
    private static string StripTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var copied = 0;
        for (var tag = Next(html, 0); tag.Found; tag = Next(html, tag.End))
        {
            text.Append(html, copied, tag.Start - copied);
            copied = tag.End;
            if (!tag.Closing && (tag.Name.Equals("script", StringComparison.OrdinalIgnoreCase) || tag.Name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                copied = tag.End = EndOfElement(html, tag.Name, tag.End) ?? tag.End;
                text.Append(' ');
            }
            else if (BlockTags.Contains(tag.Name) || (!tag.Closing && tag.Name.Equals("br", StringComparison.OrdinalIgnoreCase)))
            {
                text.Append("\n\n");
            }
        }

        return text.Append(html, copied, html.Length - copied).ToString();
    }

    /// <summary>Where the element's closing tag ends (<c>&lt;/name  &gt;</c>), or null when it is never closed.</summary>
    private static int? EndOfElement(string html, string name, int from)
    {
        for (var at = html.IndexOf("</", from, StringComparison.Ordinal); at >= 0; at = html.IndexOf("</", at + 2, StringComparison.Ordinal))
        {
            var after = at + 2 + name.Length;
            if (after <= html.Length && string.Compare(html, at + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                while (after < html.Length && char.IsWhiteSpace(html[after]))
                {
                    after++;
                }

                if (after < html.Length && html[after] == '>')
                {
                    return after + 1;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Splits at runs of whitespace holding two or more line breaks, collapses other whitespace to one space, drops
    /// empty paragraphs and joins the rest with <paramref name="separator"/>.
    /// </summary>
    private static string Paragraphs(string text, string separator = "\n\n")
    {
        var result = new StringBuilder(text.Length);
        var paragraphStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                result.Append(text[i++]);
                continue;
            }

            var newlines = 0;
            for (; i < text.Length && char.IsWhiteSpace(text[i]); i++)
            {
                newlines += text[i] == '\n' ? 1 : 0;
            }

            if (result.Length == paragraphStart || i == text.Length)
            {
                continue; // whitespace at the start or end of a paragraph is trimmed
            }

            if (newlines >= 2)
            {
                result.Append(separator);
                paragraphStart = result.Length;
            }
            else
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }

    /// <summary>The next tag at or after <paramref name="from"/>: from '&lt;' to the next '&gt;', as the old pattern <c>&lt;[^&gt;]*&gt;</c> took it.</summary>
    private static Tag Next(string html, int from)
    {
        var start = from < html.Length ? html.IndexOf('<', from) : -1;
        var end = start < 0 ? -1 : html.IndexOf('>', start + 1);
        if (end < 0)
        {
            return default;
        }

        var nameStart = start + 1;
        while (nameStart < end && (char.IsWhiteSpace(html[nameStart]) || html[nameStart] == '/'))
        {
            nameStart++;
        }

        var closing = html.AsSpan(start + 1, nameStart - start - 1).Contains('/');
        var nameEnd = nameStart;
        while (nameEnd < end && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
        {
            nameEnd++;
        }

        return new Tag(true, start, end + 1, html[nameStart..nameEnd], closing, html[end - 1] == '/');
    }

    private record struct Tag(bool Found, int Start, int End, string Name, bool Closing, bool SelfClosing);
}
