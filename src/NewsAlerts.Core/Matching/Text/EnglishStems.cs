using Lucene.Net.Tartarus.Snowball.Ext;

namespace NewsAlerts.Core.Matching.Text;

/// <summary>
/// English stems from the Snowball English (Porter2) stemmer of Lucene.Net.Analysis.Common: <c>delegations</c>
/// and <c>delegation</c> share the stem <c>deleg</c>, <c>visited</c> and <c>visit</c> share <c>visit</c>.
/// </summary>
internal static class EnglishStems
{
    // The Snowball stemmer keeps state between calls, so each thread has its own.
    [ThreadStatic]
    private static EnglishStemmer? _stemmer;

    /// <summary>The stem of a folded word; numbers and one-letter words are returned as they are.</summary>
    public static string Stem(ReadOnlySpan<char> folded, bool hasDigit)
    {
        if (hasDigit || folded.Length < 2)
        {
            return new string(folded);
        }

        var stemmer = _stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(new string(folded));
        stemmer.Stem();
        return stemmer.Current;
    }

    public static string Stem(string folded) => Stem(folded, folded.Any(char.IsDigit));
}
