using System.Globalization;
using System.Text;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// BERT's uncased word-piece vocabulary (the MiniLM model's 30,522 pieces): a word is lower-cased, stripped of accents
/// and cut greedily into the longest pieces in the vocabulary, continuations written <c>##piece</c>.
/// </summary>
internal sealed class WordPieces
{
    private const int MaxWordLength = 64;

    private readonly Dictionary<string, int> index;

    public WordPieces(IReadOnlyList<string> vocabulary)
    {
        Vocabulary = vocabulary;
        index = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            index.TryAdd(vocabulary[i], i);
        }
    }

    public IReadOnlyList<string> Vocabulary { get; }

    public int Count => Vocabulary.Count;

    /// <summary>The piece of the whole (normalised) word, or -1 when it has to be cut.</summary>
    public int Whole(string normalised) => index.TryGetValue(normalised, out var piece) ? piece : -1;

    /// <summary>Adds the word's pieces to <paramref name="pieces"/>; a word that cannot be cut adds nothing (BERT's [UNK]).</summary>
    public void Split(string normalised, List<int> pieces)
    {
        if (normalised.Length > MaxWordLength)
        {
            return;
        }

        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffer = new char[normalised.Length + 2];
        buffer[0] = '#';
        buffer[1] = '#';
        var from = pieces.Count;
        var position = 0;
        while (position < normalised.Length)
        {
            var length = normalised.Length - position;
            var found = -1;
            for (; length > 0; length--)
            {
                ReadOnlySpan<char> candidate;
                if (position == 0)
                {
                    candidate = normalised.AsSpan(0, length);
                }
                else
                {
                    normalised.AsSpan(position, length).CopyTo(buffer.AsSpan(2));
                    candidate = buffer.AsSpan(0, length + 2);
                }

                if (lookup.TryGetValue(candidate, out found))
                {
                    break;
                }
            }

            if (length == 0)
            {
                pieces.RemoveRange(from, pieces.Count - from);
                return;
            }

            pieces.Add(found);
            position += length;
        }
    }

    /// <summary>Lower case without accents, as the uncased vocabulary is written.</summary>
    public static string Normalise(string word)
    {
        var lower = word.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (c > '\u007F')
            {
                return StripAccents(lower);
            }
        }

        return lower;
    }

    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
