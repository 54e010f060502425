using System.Buffers;
using System.Net;
using System.Text;

namespace NewsAlerts.Core.Ingestion.Parsing;

/// <summary>
/// Turns decoded feed text (see <see cref="FeedEncoding"/>) into text an XML reader accepts, the way lenient readers do:
/// drops the DOCTYPE (so no DTD, external entity or entity expansion is ever processed), and repairs bare ampersands
/// and HTML entities XML does not declare.
/// </summary>
internal static class FeedText
{
    /// <summary>Characters XML 1.0 forbids even as text; feeds carry them (copied from word processors) and lose them here.</summary>
    private static readonly SearchValues<char> ForbiddenChars = SearchValues.Create(
        "\0\x01\x02\x03\x04\x05\x06\x07\x08\x0B\x0C\x0E\x0F\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\uFFFE\uFFFF");

    /// <summary>Removes characters XML forbids; returns the text unchanged (no copy) when there are none.</summary>
    public static string RemoveForbiddenChars(string text, List<string> warnings)
    {
        var first = text.AsSpan().IndexOfAny(ForbiddenChars);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        var removed = 0;
        for (var i = first; i < text.Length; i++)
        {
            if (ForbiddenChars.Contains(text[i]))
            {
                removed++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        warnings.Add($"{removed} control character(s) XML forbids removed");
        return builder.ToString();
    }

    /// <summary>
    /// Removes the XML declaration (the text is already decoded) and any DOCTYPE with its internal subset, returning
    /// where the markup starts. A removed DOCTYPE is reported: its entities are never expanded.
    /// </summary>
    public static string StripPrologue(string text, List<string> warnings)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }

        if (string.CompareOrdinal(text, start, "<?xml", 0, 5) == 0)
        {
            var end = text.IndexOf("?>", start, StringComparison.Ordinal);
            start = end < 0 ? start : end + 2;
        }

        var doctype = text.IndexOf("<!DOCTYPE", start, StringComparison.OrdinalIgnoreCase);
        var root = FirstElement(text, start);
        if (doctype < 0 || (root >= 0 && doctype > root))
        {
            return start == 0 ? text : text[start..];
        }

        var close = DoctypeEnd(text, doctype);
        warnings.Add("DOCTYPE ignored: DTDs, external entities and entity declarations are not processed");
        return close < 0 ? "" : string.Concat(text.AsSpan(start, doctype - start), text.AsSpan(close));
    }

    private static int FirstElement(string text, int from)
    {
        for (var i = text.IndexOf('<', from); i >= 0 && i + 1 < text.Length; i = text.IndexOf('<', i + 1))
        {
            if (char.IsLetter(text[i + 1]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int DoctypeEnd(string text, int doctype)
    {
        var bracket = text.IndexOf('[', doctype);
        var gt = text.IndexOf('>', doctype);
        if (bracket < 0 || (gt >= 0 && gt < bracket))
        {
            return gt < 0 ? -1 : gt + 1;
        }

        var subsetEnd = text.IndexOf("]>", bracket, StringComparison.Ordinal);
        if (subsetEnd < 0)
        {
            var spaced = text.IndexOf(']', bracket);
            var after = spaced < 0 ? -1 : text.IndexOf('>', spaced);
            return after < 0 ? -1 : after + 1;
        }

        return subsetEnd + 2;
    }

    /// <summary>
    /// Escapes bare ampersands and turns HTML entities (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>...) into character
    /// references; unknown entities stay as literal text. CDATA sections are left alone. Returns the text unchanged (no
    /// copy) when nothing needs repair, which is the common case.
    /// </summary>
    public static string RepairEntities(string text, ref int repairs)
    {
        var amp = text.IndexOf('&');
        if (amp < 0)
        {
            return text;
        }

        StringBuilder? repaired = null;
        var copied = 0;
        var cdata = text.IndexOf("<![CDATA[", StringComparison.Ordinal);
        while (amp >= 0)
        {
            if (cdata >= 0 && cdata < amp)
            {
                var cdataEnd = text.IndexOf("]]>", cdata, StringComparison.Ordinal);
                if (cdataEnd < 0)
                {
                    break;
                }

                if (amp < cdataEnd)
                {
                    amp = text.IndexOf('&', cdataEnd);
                }

                cdata = text.IndexOf("<![CDATA[", cdataEnd, StringComparison.Ordinal);
                continue;
            }

            var (length, replacement) = Entity(text, amp);
            if (replacement is not null)
            {
                repaired ??= new StringBuilder(text.Length + 64);
                repaired.Append(text, copied, amp - copied).Append(replacement);
                copied = amp + length;
                repairs++;
            }

            amp = text.IndexOf('&', amp + Math.Max(length, 1));
        }

        return repaired is null ? text : repaired.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>How long the reference at <paramref name="at"/> is, and what replaces it (null when it is valid XML).</summary>
    private static (int Length, string? Replacement) Entity(string text, int at)
    {
        var i = at + 1;
        if (i < text.Length && text[i] == '#')
        {
            var j = i + 1;
            var hex = j < text.Length && (text[j] == 'x' || text[j] == 'X');
            j += hex ? 1 : 0;
            var digitsStart = j;
            while (j < text.Length && (hex ? char.IsAsciiHexDigit(text[j]) : char.IsAsciiDigit(text[j])))
            {
                j++;
            }

            return j > digitsStart && j < text.Length && text[j] == ';' ? (j + 1 - at, null) : (1, "&amp;");
        }

        var nameEnd = i;
        while (nameEnd < text.Length && nameEnd - i < 32 && char.IsAsciiLetterOrDigit(text[nameEnd]))
        {
            nameEnd++;
        }

        if (nameEnd == i || nameEnd >= text.Length || text[nameEnd] != ';')
        {
            return (1, "&amp;");
        }

        var name = text.AsSpan(i, nameEnd - i);
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return (nameEnd + 1 - at, null);
        }

        var entity = text.Substring(at, nameEnd + 1 - at);
        var decoded = WebUtility.HtmlDecode(entity);
        if (decoded == entity)
        {
            return (1, "&amp;"); // unknown entity: kept as literal text, never expanded
        }

        var builder = new StringBuilder();
        foreach (var rune in decoded.EnumerateRunes())
        {
            builder.Append("&#").Append(rune.Value).Append(';');
        }

        return (entity.Length, builder.ToString());
    }
}
