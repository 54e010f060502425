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
    /// <summary>Offsets of the neighbours whose words are features of a token: two either side.</summary>
    public const int Window = 2;

    /// <summary>Words whose attributes (and, at tagging time, summed weights) are kept between texts.</summary>
    private const int CachedWords = 200_000;

    private const ulong Outside = 0x5EED_0F_B0DE_0001UL;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WordInfo> words = new(StringComparer.Ordinal);

    private enum Template
    {
        Bias = 1, Word, Lower, Shape, Prefix, Suffix, LowerAt, ShortShapeAt, ClusterAt, PieceFirst, PieceLast, Gazetteer,
        LowerPair, ShapeTriple, SentenceStart, LowerElsewhere, CapitalisedElsewhere, AllCapsSentence, History,
    }

    public int Bits { get; } = bits;

    /// <summary>The attributes of each token's word, from a cache shared by all texts.</summary>
    public WordInfo[] WordsOf(TaggerInput input)
    {
        var result = new WordInfo[input.Words.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var word = input.Words[i];
            if (!words.TryGetValue(word, out var info))
            {
                info = WordInfo.Compute(word, lexicon);
                if (words.Count < CachedWords)
                {
                    words.TryAdd(word, info);
                }
            }

            result[i] = info;
        }

        return result;
    }

    /// <summary>The static features of every token of the input (all but the prediction history), for training.</summary>
    public FeatureTable Extract(TaggerInput input)
    {
        var infos = WordsOf(input);
        var context = new TextContext(input, lexicon);
        var table = new FeatureTable(infos.Length);
        var ids = new List<int>(64);
        foreach (var (start, end) in input.Sentences)
        {
            for (var i = start; i < end; i++)
            {
                ids.Clear();
                for (var offset = -Window; offset <= Window; offset++)
                {
                    var j = i + offset;
                    if (j >= start && j < end)
                    {
                        WordFeatures(infos[j], offset, ids);
                    }
                    else
                    {
                        OutsideFeatures(offset, ids);
                    }
                }

                ContextFeatures(context, infos, start, end, i, ids);
                table.Add(ids);
            }
        }

        return table;
    }

    /// <summary>
    /// The static emission scores of every token for tagging: the word features of each position come from the word's
    /// cached block of summed weights (one lookup instead of ~30), the context features are looked up one by one.
    /// </summary>
    public float[] StaticEmissions(TaggerInput input, IEmissionWeights weights, int labels)
    {
        var infos = WordsOf(input);
        var context = new TextContext(input, lexicon);
        var scores = new float[infos.Length * labels];
        var ids = new List<int>(16);
        var outside = OutsideBlock(weights, labels);
        foreach (var (start, end) in input.Sentences)
        {
            for (var i = start; i < end; i++)
            {
                var row = scores.AsSpan(i * labels, labels);
                for (var offset = -Window; offset <= Window; offset++)
                {
                    var j = i + offset;
                    var block = j >= start && j < end ? Block(infos[j], weights, labels) : outside;
                    var part = block.AsSpan((offset + Window) * labels, labels);
                    for (var y = 0; y < labels; y++)
                    {
                        row[y] += part[y];
                    }
                }

                ids.Clear();
                ContextFeatures(context, infos, start, end, i, ids);
                weights.AddScores(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids), row);
            }
        }

        return scores;
    }

    /// <summary>The feature of "this word was tagged <paramref name="type"/> earlier in the text" (type 0 = outside).</summary>
    public int HistoryFeature(int type, bool majority) => Bucket(Template.History, (ulong)(type * 2 + (majority ? 1 : 0)));

    /// <summary>The features a word gives the token <paramref name="offset"/> positions before it (0: its own).</summary>
    private void WordFeatures(WordInfo w, int offset, List<int> ids)
    {
        if (offset == 0)
        {
            ids.Add(Bucket(Template.Word, w.Word));
            ids.Add(Bucket(Template.Lower, w.Lower));
            ids.Add(Bucket(Template.Shape, w.Shape));
            for (var k = 0; k < WordInfo.Affixes; k++)
            {
                ids.Add(Bucket(Template.Prefix, w.Prefixes[k] + (ulong)k));
                ids.Add(Bucket(Template.Suffix, w.Suffixes[k] + (ulong)k));
            }

            for (var level = 0; level < w.PieceFirst.Length; level++)
            {
                ids.Add(Bucket(Template.PieceFirst, Combine((ulong)level, w.PieceFirst[level])));
                ids.Add(Bucket(Template.PieceLast, Combine((ulong)level, w.PieceLast[level])));
            }
        }

        ids.Add(Bucket(Template.LowerAt, Combine((ulong)(offset + 2), w.Lower)));
        if (offset is >= -1 and <= 1)
        {
            ids.Add(Bucket(Template.ShortShapeAt, Combine((ulong)(offset + 2), w.ShortShape)));
        }

        for (var level = 0; level < w.Clusters.Length; level++)
        {
            if (offset is -1 or 0 or 1 || level == w.Clusters.Length - 1)
            {
                ids.Add(Bucket(Template.ClusterAt, Combine((ulong)((offset + 2) * 16 + level), w.Clusters[level])));
            }
        }
    }

    private void OutsideFeatures(int offset, List<int> ids)
    {
        ids.Add(Bucket(Template.LowerAt, Combine((ulong)(offset + 2), Outside)));
        if (offset is >= -1 and <= 1)
        {
            ids.Add(Bucket(Template.ShortShapeAt, Combine((ulong)(offset + 2), Outside)));
        }
    }

    /// <summary>Features of the token that depend on more than one word: gazetteer names, word pairs, the sentence, the text.</summary>
    private void ContextFeatures(TextContext context, WordInfo[] infos, int start, int end, int i, List<int> ids)
    {
        var w = infos[i];
        ids.Add(Bucket(Template.Bias, 0));
        for (var j = Math.Max(start, i - 1); j <= Math.Min(end - 1, i + 1); j++)
        {
            foreach (var code in context.Gazetteer[j] ?? [])
            {
                ids.Add(Bucket(Template.Gazetteer, Combine((ulong)(j - i + 2), (ulong)code)));
            }
        }

        var previous = i > start ? infos[i - 1] : null;
        var next = i + 1 < end ? infos[i + 1] : null;
        ids.Add(Bucket(Template.LowerPair, Combine(previous?.Lower ?? Outside, w.Lower)));
        ids.Add(Bucket(Template.LowerPair, Combine(w.Lower, next?.Lower ?? Outside) + 1));
        ids.Add(Bucket(Template.ShapeTriple, Combine(Combine(previous?.ShortShape ?? Outside, w.ShortShape), next?.ShortShape ?? Outside)));
        if (i == start)
        {
            ids.Add(Bucket(Template.SentenceStart, w.Shape));
        }

        if (context.AllCaps[i])
        {
            ids.Add(Bucket(Template.AllCapsSentence, w.ShortShape));
        }

        var word = context.Input.Words[i];
        if (char.IsUpper(word[0]))
        {
            if (context.LowerInText.Contains(w.LowerText))
            {
                ids.Add(Bucket(Template.LowerElsewhere, i == start ? 1UL : 0UL));
            }

            if (context.CapitalisedMidSentence.Contains(word))
            {
                ids.Add(Bucket(Template.CapitalisedElsewhere, i == start ? 1UL : 0UL));
            }
        }
    }

    /// <summary>A word's summed weights for each offset (2 × window + 1 rows of labels), computed once and cached on the word.</summary>
    private float[] Block(WordInfo info, IEmissionWeights weights, int labels)
    {
        if (info.Block is { } cached)
        {
            return cached;
        }

        var block = new float[(2 * Window + 1) * labels];
        var ids = new List<int>(32);
        for (var offset = -Window; offset <= Window; offset++)
        {
            ids.Clear();
            WordFeatures(info, offset, ids);
            weights.AddScores(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids), block.AsSpan((offset + Window) * labels, labels));
        }

        info.Block = block;
        return block;
    }

    private float[] OutsideBlock(IEmissionWeights weights, int labels)
    {
        var block = new float[(2 * Window + 1) * labels];
        var ids = new List<int>(4);
        for (var offset = -Window; offset <= Window; offset++)
        {
            ids.Clear();
            OutsideFeatures(offset, ids);
            weights.AddScores(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids), block.AsSpan((offset + Window) * labels, labels));
        }

        return block;
    }

    private int Bucket(Template template, ulong value) =>
        (int)(Hashing.Mix(value ^ ((ulong)template * 0x9E3779B97F4A7C15UL)) >> (64 - Bits));

    private static ulong Combine(ulong a, ulong b) => Hashing.Mix(a * 0x100000001B3UL ^ b);

    /// <summary>What the features of one text need beyond single words: gazetteer matches and two document facts.</summary>
    private sealed class TextContext
    {
        public TextContext(TaggerInput input, Lexicon lexicon)
        {
            Input = input;
            Gazetteer = new List<int>[input.Words.Length];
            AllCaps = new bool[input.Words.Length];
            foreach (var (start, end) in input.Sentences)
            {
                Array.Fill(AllCaps, IsAllCapsSentence(input.Words, start, end), start, end - start);
                lexicon.Match(input.Words, start, end, (token, list, position) =>
                {
                    var codes = Gazetteer[token] ??= [];
                    var code = list * 4 + position;
                    if (!codes.Contains(code))
                    {
                        codes.Add(code);
                    }
                });
                for (var i = start; i < end; i++)
                {
                    var word = input.Words[i];
                    if (char.IsLower(word[0]))
                    {
                        LowerInText.Add(word);
                    }
                    else if (char.IsUpper(word[0]) && i > start)
                    {
                        CapitalisedMidSentence.Add(word);
                    }
                }
            }
        }

        public TaggerInput Input { get; }

        public List<int>?[] Gazetteer { get; }

        public HashSet<string> LowerInText { get; } = new(StringComparer.Ordinal);

        public HashSet<string> CapitalisedMidSentence { get; } = new(StringComparer.Ordinal);

        /// <summary>Per token: its sentence is a headline in capitals (<c>SOCCER - JAPAN GET LUCKY WIN</c>), where capitals say little.</summary>
        public bool[] AllCaps { get; }

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
    }
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

    public void Add(List<int> tokenIds)
    {
        ids.AddRange(tokenIds);
        starts[++tokens] = ids.Count;
    }

    public ReadOnlySpan<int> Of(int token) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids)[starts[token]..starts[token + 1]];
}

/// <summary>What a word contributes to features wherever it stands, hashed; computed once per distinct word.</summary>
internal sealed class WordInfo
{
    public const int Affixes = 4;

    public ulong Word { get; private init; }

    public ulong Lower { get; private init; }

    public string LowerText { get; private init; } = "";

    public ulong Shape { get; private init; }

    public ulong ShortShape { get; private init; }

    public ulong[] Prefixes { get; private init; } = [];

    public ulong[] Suffixes { get; private init; } = [];

    /// <summary>Per cluster level: the whole word's cluster, else a marker with the first piece's cluster.</summary>
    public ulong[] Clusters { get; private init; } = [];

    public ulong[] PieceFirst { get; private init; } = [];

    public ulong[] PieceLast { get; private init; } = [];

    /// <summary>At tagging time: the word's summed feature weights per offset, filled on first use.</summary>
    public float[]? Block { get; set; }

    public static WordInfo Compute(string word, Lexicon lexicon)
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

        return new WordInfo
        {
            Word = Hashing.Of(word),
            Lower = Hashing.Of(lower),
            LowerText = lower,
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
