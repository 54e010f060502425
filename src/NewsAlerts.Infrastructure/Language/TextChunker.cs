using System.Globalization;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>A piece of a longer text and where it starts in it (UTF-16 chars).</summary>
public readonly record struct TextChunk(int Offset, string Text);

/// <summary>
/// Splits a text into chunks of at most a number of text elements (what the service limits: 5,120 per document),
/// cutting after a sentence end where one exists, else at a space, never inside a text element.
/// </summary>
public static class TextChunker
{
    public static IReadOnlyList<TextChunk> Split(string text, int maxTextElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextElements, 100);
        var chunks = new List<TextChunk>();
        var start = 0;
        while (start < text.Length)
        {
            var limit = EndAfterTextElements(text, start, maxTextElements);
            var end = limit == text.Length ? limit : BestCut(text, start, limit);
            chunks.Add(new TextChunk(start, text[start..end]));
            start = end;
        }

        return chunks;
    }

    /// <summary>The char index after <paramref name="count"/> text elements from <paramref name="start"/>, or the text's end.</summary>
    private static int EndAfterTextElements(string text, int start, int count)
    {
        var index = start;
        for (var i = 0; i < count && index < text.Length; i++)
        {
            index += StringInfo.GetNextTextElementLength(text, index);
        }

        return index;
    }

    /// <summary>After the last sentence end (<c>.</c>, <c>!</c>, <c>?</c> or a line break, then white space) before the limit; else the last space; else the limit.</summary>
    private static int BestCut(string text, int start, int limit)
    {
        var minimum = start + ((limit - start) / 2);
        for (var i = limit - 1; i > minimum; i--)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] == '\n' || text[i - 1] is '.' or '!' or '?'))
            {
                return i + 1;
            }
        }

        for (var i = limit - 1; i > minimum; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i + 1;
            }
        }

        return limit;
    }
}
