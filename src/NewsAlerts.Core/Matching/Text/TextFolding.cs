using System.Globalization;
using System.Text;

namespace NewsAlerts.Core.Matching.Text;

/// <summary>Case and diacritic folding for matching: <c>Zürich</c> and <c>ZURICH</c> both fold to <c>zurich</c>.</summary>
internal static class TextFolding
{
    // Latin letters up to Latin Extended-B are folded from a table built once; other scripts are only lower-cased.
    private const int TableSize = 0x250;
    private static readonly string[] Table = BuildTable();

    /// <summary>Appends the folded form of <paramref name="c"/> (zero, one or two chars) to the buffer; returns the new length.</summary>
    public static int Append(char c, Span<char> buffer, int length)
    {
        if (c < 128)
        {
            if (length < buffer.Length)
            {
                buffer[length++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }

            return length;
        }

        if (c < TableSize)
        {
            foreach (var f in Table[c])
            {
                if (length < buffer.Length)
                {
                    buffer[length++] = f;
                }
            }

            return length;
        }

        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return length;
        }

        if (length < buffer.Length)
        {
            buffer[length++] = char.ToLowerInvariant(c);
        }

        return length;
    }

    /// <summary>Folds a whole string (used for query terms and entity names, not in the hot path).</summary>
    public static string Fold(string text)
    {
        var buffer = new char[text.Length * 2];
        var length = 0;
        foreach (var c in text)
        {
            length = Append(c, buffer, length);
        }

        return new string(buffer, 0, length);
    }

    private static string[] BuildTable()
    {
        var table = new string[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            table[i] = c switch
            {
                'ß' => "ss",
                'æ' or 'Æ' => "ae",
                'œ' or 'Œ' => "oe",
                'ø' or 'Ø' => "o",
                'đ' or 'Đ' or 'ð' or 'Ð' => "d",
                'ł' or 'Ł' => "l",
                'þ' or 'Þ' => "th",
                'ı' => "i",
                _ => StripMarks(c),
            };
        }

        return table;
    }

    private static string StripMarks(char c)
    {
        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return "";
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder();
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(char.ToLowerInvariant(d));
            }
        }

        return kept.ToString();
    }
}
