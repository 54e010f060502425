using System.Globalization;

namespace NewsAlerts.Core.Matching.Text;

/// <summary>
/// Splits text into folded word tokens without allocating: letters and digits make words; hyphens, slashes and
/// other punctuation split them (<c>Russia-Hamas</c> is two words); a possessive <c>'s</c> is dropped
/// (<c>Russia's</c> is <c>russia</c>); other apostrophes inside a word are removed (<c>O'Brien</c> is
/// <c>obrien</c>); in numbers a decimal point is kept and a thousands comma removed (<c>4.5</c>, <c>2,000</c> is
/// <c>2000</c>).
/// </summary>
internal ref struct TokenReader
{
    /// <summary>Longest folded token kept; longer words are cut (they still count as one word).</summary>
    public const int MaxTokenLength = 64;

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<char> _buffer;
    private int _next;

    /// <param name="buffer">Scratch for the folded token, at least <see cref="MaxTokenLength"/> chars.</param>
    public TokenReader(ReadOnlySpan<char> text, Span<char> buffer)
    {
        _text = text;
        _buffer = buffer[..MaxTokenLength];
        _next = 0;
    }

    /// <summary>Offset of the current token in the original text.</summary>
    public int Start { get; private set; }

    /// <summary>Length of the current token in the original text (possessive <c>'s</c> excluded).</summary>
    public int Length { get; private set; }

    /// <summary>The folded form of the current token, valid until the next call to <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> Folded { get; private set; }

    /// <summary>Whether the current token has a digit (numbers are not stemmed).</summary>
    public bool HasDigit { get; private set; }

    public bool Read()
    {
        var i = _next;
        while (i < _text.Length && !IsWordChar(_text[i]))
        {
            i++;
        }

        if (i >= _text.Length)
        {
            _next = i;
            return false;
        }

        Start = i;
        var length = 0;
        var hasDigit = false;
        var end = i;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (IsWordChar(c))
            {
                hasDigit |= char.IsDigit(c);
                length = TextFolding.Append(c, _buffer, length);
                i++;
                end = i;
                continue;
            }

            if (IsApostrophe(c) && i + 1 < _text.Length && char.IsLetter(_text[i + 1]))
            {
                if (IsPossessive(i))
                {
                    i += 2;
                    break;
                }

                i++;
                continue;
            }

            if ((c is '.' or ',') && i > Start && char.IsDigit(_text[i - 1]) && i + 1 < _text.Length && char.IsDigit(_text[i + 1]))
            {
                if (c == '.')
                {
                    length = TextFolding.Append(c, _buffer, length);
                }

                i++;
                continue;
            }

            break;
        }

        _next = i;
        Length = end - Start;
        HasDigit = hasDigit;
        Folded = _buffer[..length];
        return true;
    }

    private readonly bool IsPossessive(int apostrophe) =>
        (_text[apostrophe + 1] is 's' or 'S') && (apostrophe + 2 >= _text.Length || !IsWordChar(_text[apostrophe + 2]));

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || (c >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);
}
