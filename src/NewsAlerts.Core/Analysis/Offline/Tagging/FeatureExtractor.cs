namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// Turns each token into the hashed feature ids the tagger weighs: the word, its lower case, shape, prefixes and
/// suffixes; the same for its neighbours two either side; word clusters; gazetteer membership with the position in
/// the name; word pairs and shape triples; where it stands in the sentence; and two document facts (the word is also
/// written in lower case here; it is capitalised elsewhere mid-sentence). Ids are buckets of a 64-bit hash, so the
/// model needs no feature dictionary.
/// </summary>
internal sealed class FeatureExtractor(Lexicon lexicon, int bits)
{
    private const ulong Outside = 0x5EED_0F_B0DE_0001UL;

    private enum Template
    {
        Bias = 1, Word, Lower, Shape, Prefix, Suffix, LowerAt, ShortShapeAt, ClusterAt, PieceFirst, PieceLast, Gazetteer,
        LowerPair, ShapeTriple, SentenceStart, LowerElsewhere, CapitalisedElsewhere, AllCapsSentence, History,
    }

    public int Bits { get; } = bits;

    /// <summary>The static features of every token of the input (all but the prediction history).</summary>
    public FeatureTable Extract(TaggerInput input)
    {
        var n = input.Words.Length;
        var words = WordAttributes.Of(input.Words, lexicon);
        var gazetteer = GazetteerCodes(input);
        var lowerInText = new HashSet<string>(StringComparer.Ordinal);
        var capitalisedMidSentence = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end) in input.Sentences)
        {
            for (var i = start; i < end; i++)
            {
                var word = input.Words[i];
                if (char.IsLower(word[0]))
                {
                    lowerInText.Add(word);
                }
                else if (char.IsUpper(word[0]) && i > start)
                {
                    capitalisedMidSentence.Add(word);
                }
            }
        }

        var table = new FeatureTable(n);
        foreach (var (start, end) in input.Sentences)
        {
            var allCaps = IsAllCapsSentence(input.Words, start, end);
            for (var i = start; i < end; i++)
            {
                AddTokenFeatures(table, words, gazetteer, input.Words, start, end, i, allCaps, lowerInText, capitalisedMidSentence);
                table.EndToken();
            }
        }

        return table;
    }

    /// <summary>The feature of "this word was tagged <paramref name="type"/> earlier in the text" (type 0 = outside).</summary>
    public int HistoryFeature(int type, bool majority) => Bucket(Template.History, (ulong)(type * 2 + (majority ? 1 : 0)));

    private void AddTokenFeatures(FeatureTable table, WordAttributes[] words, List<int>[] gazetteer, string[] text, int start, int end, int i,
        bool allCaps, HashSet<string> lowerInText, HashSet<string> capitalisedMidSentence)
    {
        var w = words[i];
        table.Add(Bucket(Template.Bias, 0));
        table.Add(Bucket(Template.Word, w.Word));
        table.Add(Bucket(Template.Lower, w.Lower));
        table.Add(Bucket(Template.Shape, w.Shape));
        for (var k = 0; k < WordAttributes.Affixes; k++)
        {
            table.Add(Bucket(Template.Prefix, w.Prefixes[k] + (ulong)k));
            table.Add(Bucket(Template.Suffix, w.Suffixes[k] + (ulong)k));
        }

        for (var offset = -2; offset <= 2; offset++)
        {
            var j = i + offset;
            var inside = j >= start && j < end;
            table.Add(Bucket(Template.LowerAt, Combine((ulong)(offset + 2), inside ? words[j].Lower : Outside)));
            if (offset is >= -1 and <= 1)
            {
                table.Add(Bucket(Template.ShortShapeAt, Combine((ulong)(offset + 2), inside ? words[j].ShortShape : Outside)));
                if (inside)
                {
                    foreach (var code in gazetteer[j] ?? [])
                    {
                        table.Add(Bucket(Template.Gazetteer, Combine((ulong)(offset + 2), (ulong)code)));
                    }
                }
            }

            for (var level = 0; level < w.Clusters.Length && inside; level++)
            {
                if (offset is -2 or 2 && level != w.Clusters.Length - 1)
                {
                    continue;
                }

                table.Add(Bucket(Template.ClusterAt, Combine((ulong)((offset + 2) * 16 + level), words[j].Clusters[level])));
            }
        }

        for (var level = 0; level < w.PieceFirst.Length; level++)
        {
            table.Add(Bucket(Template.PieceFirst, Combine((ulong)level, w.PieceFirst[level])));
            table.Add(Bucket(Template.PieceLast, Combine((ulong)level, w.PieceLast[level])));
        }

        var previous = i > start ? words[i - 1] : null;
        var next = i + 1 < end ? words[i + 1] : null;
        table.Add(Bucket(Template.LowerPair, Combine(previous?.Lower ?? Outside, w.Lower)));
        table.Add(Bucket(Template.LowerPair, Combine(w.Lower, next?.Lower ?? Outside) + 1));
        table.Add(Bucket(Template.ShapeTriple, Combine(Combine(previous?.ShortShape ?? Outside, w.ShortShape), next?.ShortShape ?? Outside)));
        if (i == start)
        {
            table.Add(Bucket(Template.SentenceStart, w.Shape));
        }

        if (allCaps)
        {
            table.Add(Bucket(Template.AllCapsSentence, w.ShortShape));
        }

        var word = text[i];
        if (char.IsUpper(word[0]))
        {
            if (lowerInText.Contains(word.ToLowerInvariant()))
            {
                table.Add(Bucket(Template.LowerElsewhere, i == start ? 1UL : 0UL));
            }

            if (capitalisedMidSentence.Contains(word))
            {
                table.Add(Bucket(Template.CapitalisedElsewhere, i == start ? 1UL : 0UL));
            }
        }
    }

    private List<int>[] GazetteerCodes(TaggerInput input)
    {
        var codes = new List<int>[input.Words.Length];
        foreach (var (start, end) in input.Sentences)
        {
            lexicon.Match(input.Words, start, end, (token, list, position) =>
            {
                var list2 = codes[token] ??= [];
                var code = list * 4 + position;
                if (!list2.Contains(code))
                {
                    list2.Add(code);
                }
            });
        }

        return codes;
    }

    private static bool IsAllCapsSentence(string[] words, int start, int end)
    {
        int upper = 0, lower = 0;
        for (var i = start; i < end; i++)
        {
            foreach (var c in words[i])
            {
                upper += char.IsUpper(c) ? 1 : 0;
                lower += char.IsLower(c) ? 1 : 0;
            }
        }

        return upper >= 4 && upper > 4 * lower;
    }

    private int Bucket(Template template, ulong value) =>
        (int)(Hashing.Mix(value ^ ((ulong)template * 0x9E3779B97F4A7C15UL)) >> (64 - Bits));

    private static ulong Combine(ulong a, ulong b) => Hashing.Mix(a * 0x100000001B3UL ^ b);
}

/// <summary>Feature ids of each token, one flat array: token t's features are <c>Ids[Starts[t]..Starts[t + 1]]</c>.</summary>
internal sealed class FeatureTable
{
    private readonly List<int> ids;
    private readonly int[] starts;
    private int tokens;

    public FeatureTable(int tokenCount)
    {
        ids = new List<int>(tokenCount * 40);
        starts = new int[tokenCount + 1];
    }

    public int[] Starts => starts;

    public List<int> Ids => ids;

    public void Add(int id) => ids.Add(id);

    public void EndToken() => starts[++tokens] = ids.Count;

    public ReadOnlySpan<int> Of(int token) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids)[starts[token]..starts[token + 1]];
}

/// <summary>What a word contributes to features wherever it stands, hashed; computed once per distinct word of a text.</summary>
internal sealed class WordAttributes
{
    public const int Affixes = 4;

    public ulong Word { get; private init; }

    public ulong Lower { get; private init; }

    public ulong Shape { get; private init; }

    public ulong ShortShape { get; private init; }

    public ulong[] Prefixes { get; private init; } = [];

    public ulong[] Suffixes { get; private init; } = [];

    /// <summary>Per cluster level: the whole word's cluster, else a marker with the first piece's cluster.</summary>
    public ulong[] Clusters { get; private init; } = [];

    public ulong[] PieceFirst { get; private init; } = [];

    public ulong[] PieceLast { get; private init; } = [];

    public static WordAttributes[] Of(string[] words, Lexicon lexicon)
    {
        var byWord = new Dictionary<string, WordAttributes>(StringComparer.Ordinal);
        var result = new WordAttributes[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (!byWord.TryGetValue(words[i], out var attributes))
            {
                attributes = Compute(words[i], lexicon);
                byWord[words[i]] = attributes;
            }

            result[i] = attributes;
        }

        return result;
    }

    private static WordAttributes Compute(string word, Lexicon lexicon)
    {
        var lower = word.ToLowerInvariant();
        var prefixes = new ulong[Affixes];
        var suffixes = new ulong[Affixes];
        for (var k = 0; k < Affixes; k++)
        {
            var length = Math.Min(k + 1, lower.Length);
            prefixes[k] = Hashing.Of(lower.AsSpan(0, length));
            suffixes[k] = Hashing.Of(lower.AsSpan(lower.Length - length));
        }

        var levels = lexicon.ClusterLevels;
        var clusters = new ulong[levels];
        var pieceFirst = new List<ulong>();
        var pieceLast = new List<ulong>();
        for (var level = 0; level < levels; level++)
        {
            var (whole, first, last) = lexicon.Cluster(lower, level);
            clusters[level] = whole >= 0 ? (ulong)whole : first >= 0 ? 0x10000UL + (ulong)first : 0x20000UL;
            if (whole < 0)
            {
                pieceFirst.Add((ulong)(first + 1));
                pieceLast.Add((ulong)(last + 1));
            }
        }

        return new WordAttributes
        {
            Word = Hashing.Of(word),
            Lower = Hashing.Of(lower),
            Shape = Hashing.Of(ShapeOf(word, collapse: false)),
            ShortShape = Hashing.Of(ShapeOf(word, collapse: true)),
            Prefixes = prefixes,
            Suffixes = suffixes,
            Clusters = clusters,
            PieceFirst = [.. pieceFirst],
            PieceLast = [.. pieceLast],
        };
    }

    /// <summary><c>Putin</c> → <c>Xxxxx</c> (at most four of a kind in a row) or, collapsed, <c>Xx</c>; digits are <c>d</c>.</summary>
    internal static string ShapeOf(string word, bool collapse)
    {
        var shape = new System.Text.StringBuilder(Math.Min(word.Length, 16));
        var run = 0;
        foreach (var c in word)
        {
            var s = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : c;
            run = shape.Length > 0 && shape[^1] == s ? run + 1 : 1;
            if (run <= (collapse ? 1 : 4))
            {
                shape.Append(s);
            }
        }

        return shape.ToString();
    }
}

/// <summary>Stable 64-bit hashes (not <see cref="string.GetHashCode()"/>, which changes per process): the model file keeps them.</summary>
internal static class Hashing
{
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>SplitMix64's finaliser: spreads every input bit over the whole word.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
