namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>A word, number or punctuation mark of the analysed text, by position (UTF-16 chars).</summary>
internal readonly record struct Token(int Offset, int Length, TokenKind Kind)
{
    public int End => Offset + Length;

    public ReadOnlySpan<char> In(string text) => text.AsSpan(Offset, Length);

    public string Text(string text) => text.Substring(Offset, Length);

    /// <summary>A word starting with an upper-case letter.</summary>
    public bool IsCapitalised(string text) => Kind == TokenKind.Word && char.IsUpper(text[Offset]);
}

internal enum TokenKind
{
    Word,
    Number,
    Punctuation,
}

/// <summary>
/// Splits text into words (letters, with inner apostrophes, dots of abbreviations such as <c>U.S.</c>), numbers and
/// single punctuation marks. One pass, no regular expressions: the offline analyzer must handle 500 articles a second.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 5);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c))
            {
                var end = WordEnd(text, i);
                tokens.Add(new Token(i, end - i, TokenKind.Word));
                i = end;
            }
            else if (char.IsDigit(c))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsDigit(text[end]) || (text[end] is '.' or ',' && end + 1 < text.Length && char.IsDigit(text[end + 1]))))
                {
                    end++;
                }

                tokens.Add(new Token(i, end - i, TokenKind.Number));
                i = end;
            }
            else
            {
                if (!char.IsWhiteSpace(c))
                {
                    tokens.Add(new Token(i, 1, TokenKind.Punctuation));
                }

                i++;
            }
        }

        return tokens;
    }

    private static int WordEnd(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length)
        {
            var c = text[end];
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                end++;
            }
            else if (IsInnerJoin(text, end))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    /// <summary>An apostrophe between letters (<c>don't</c>) or the dot of a one-letter abbreviation (<c>U.S.</c>).</summary>
    private static bool IsInnerJoin(string text, int index)
    {
        var c = text[index];
        var nextIsLetter = index + 1 < text.Length && char.IsLetter(text[index + 1]);
        if (c is '\'' or '’')
        {
            // A possessive 's stays apart so that "Putin's" yields the name "Putin".
            var possessive = index + 1 < text.Length && text[index + 1] == 's' && (index + 2 >= text.Length || !char.IsLetter(text[index + 2]));
            return nextIsLetter && !possessive;
        }

        return c == '.' && nextIsLetter && char.IsUpper(text[index - 1]) && (index < 2 || !char.IsLetter(text[index - 2]) || text[index - 2] == '.')
            && (index + 2 >= text.Length || text[index + 2] == '.');
    }
}
