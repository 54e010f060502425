using System.Net;
using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Ingestion;

/// <summary>Turns feed HTML into plain text: scripts and styles dropped, entities decoded, paragraph breaks kept.</summary>
public static partial class HtmlText
{
    /// <summary>Plain text with paragraphs separated by one blank line.</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var text = ScriptOrStyle().Replace(html, " ");
        text = BlockBoundary().Replace(text, "\n\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var paragraphs = ParagraphBreak().Split(text)
            .Select(p => Whitespace().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>Plain text on one line, for titles.</summary>
    public static string ToSingleLine(string? html) => Whitespace().Replace(ToPlainText(html), " ").Trim();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<\s*(/?\s*(p|div|h[1-6]|li|ul|ol|blockquote|tr|table|section|article)\b[^>]*|br\s*/?)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
