using System.Text;
using System.Text.RegularExpressions;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Digests;

/// <summary>A window of article text around the first highlight, with the highlighted spans marked.</summary>
internal sealed partial class Snippet
{
    private readonly string _text;
    private readonly List<(int Start, int Length)> _marks;
    private readonly bool _cutStart;
    private readonly bool _cutEnd;

    private Snippet(string text, List<(int Start, int Length)> marks, bool cutStart, bool cutEnd)
    {
        _text = text;
        _marks = marks;
        _cutStart = cutStart;
        _cutEnd = cutEnd;
    }

    public static Snippet Around(string body, IReadOnlyList<Highlight> highlights, int maxLength)
    {
        var first = highlights.Count == 0 ? 0 : highlights.Min(h => h.Offset);
        var start = WordStart(body, Math.Max(0, first - (maxLength / 3)));
        var end = Math.Min(body.Length, start + maxLength);
        if (end < body.Length)
        {
            var space = body.LastIndexOf(' ', end - 1, end - start);
            end = space > start ? space : end;
        }

        var marks = highlights
            .Where(h => h.Offset >= start && h.Offset + h.Length <= end)
            .Select(h => (h.Offset - start, h.Length))
            .Distinct()
            .OrderBy(m => m.Item1)
            .ToList();
        var text = JoinParagraphs(body[start..end]);
        return new Snippet(text, marks, start > 0, end < body.Length);
    }

    public string ToText() => (_cutStart ? "..." : "") + Spaces().Replace(_text, " ") + (_cutEnd ? "..." : "");

    public string ToHtml()
    {
        var html = new StringBuilder(_cutStart ? "&hellip;" : "");
        var position = 0;
        foreach (var (start, length) in _marks.Where(m => m.Start >= 0))
        {
            if (start < position)
            {
                continue;
            }

            html.Append(DigestComposer.Encode(_text[position..start]))
                .Append("<strong style=\"background:#fef08a;\">")
                .Append(DigestComposer.Encode(_text.Substring(start, length)))
                .Append("</strong>");
            position = start + length;
        }

        html.Append(DigestComposer.Encode(_text[position..]));
        return html.Append(_cutEnd ? "&hellip;" : "").ToString();
    }

    /// <summary>
    /// One line of text: a paragraph break becomes a space, or ". " after a paragraph with no closing punctuation
    /// (such as a headline repeated as the first paragraph). Keeps the length, so highlight offsets still hold.
    /// </summary>
    private static string JoinParagraphs(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] != '\n')
            {
                continue;
            }

            var breakAfterWords = i + 1 < chars.Length && chars[i + 1] == '\n' && i > 0 && char.IsLetterOrDigit(chars[i - 1]);
            chars[i] = breakAfterWords ? '.' : ' ';
        }

        return new string(chars);
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    private static int WordStart(string text, int index)
    {
        if (index == 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', index);
        return space < 0 ? index : space + 1;
    }
}
