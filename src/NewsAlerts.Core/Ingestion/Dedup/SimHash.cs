using System.Numerics;

namespace NewsAlerts.Core.Ingestion.Dedup;

/// <summary>
/// 64-bit SimHash (Charikar) over word shingles: texts that share most shingles get fingerprints a few bits apart, so
/// syndicated copies with small edits stay close while different stories land about 32 bits apart.
/// </summary>
public static class SimHash
{
    /// <summary>Words per shingle. Two keeps word order without letting one edited word change too many features.</summary>
    public const int ShingleWords = 2;

    /// <summary>The fingerprint of <paramref name="text"/> (case, punctuation and spacing ignored).</summary>
    public static ulong Compute(string text)
    {
        Span<int> weights = stackalloc int[64];
        Span<ulong> window = stackalloc ulong[ShingleWords];
        var words = 0;
        var i = 0;
        while (NextWord(text, ref i, out var word))
        {
            window[words % ShingleWords] = word;
            words++;
            if (words >= ShingleWords)
            {
                var feature = 0xCBF29CE484222325UL;
                for (var k = 0; k < ShingleWords; k++)
                {
                    feature = Mix(feature ^ window[(words + k) % ShingleWords]);
                }

                Add(weights, feature);
            }
        }

        if (TooShortForOneShingle(words))
        {
            Add(weights, Mix(window[0]));
        }

        var result = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        return result;
    }

    private static bool TooShortForOneShingle(int words) => words > 0 && words < ShingleWords;

    /// <summary>Bits that differ between two fingerprints.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static void Add(Span<int> weights, ulong feature)
    {
        for (var bit = 0; bit < 64; bit++)
        {
            weights[bit] += (int)((feature >> bit) & 1) * 2 - 1;
        }
    }

    /// <summary>FNV-1a of the next run of letters and digits, lower-cased; false at the end of the text.</summary>
    private static bool NextWord(string text, ref int i, out ulong hash)
    {
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        hash = 0xCBF29CE484222325UL;
        if (i >= text.Length)
        {
            return false;
        }

        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            hash = (hash ^ char.ToLowerInvariant(text[i])) * 0x100000001B3UL;
            i++;
        }

        return true;
    }

    /// <summary>SplitMix64 finaliser: spreads FNV's weak low bits over all 64.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
