namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// The word knowledge the tagger's features read besides the words themselves: named gazetteer lists (cities, countries,
/// people's names...) matched on whole tokens, and word clusters at a few granularities for a word-piece vocabulary.
/// Saved inside the model file, so tagging needs nothing else at run time.
/// </summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, ulong> oneWordNames;
    private readonly Dictionary<string, List<(string[] Tail, ulong Lists)>> byFirstWord;
    private readonly WordPieces pieces;
    private readonly ushort[][] clusters;

    public Lexicon(IReadOnlyList<string> listNames, IEnumerable<(string Name, ulong Lists)> names, IReadOnlyList<string> pieceVocabulary, ushort[][] clusters)
    {
        if (listNames.Count > 64)
        {
            throw new ArgumentException("A lexicon holds at most 64 gazetteer lists.", nameof(listNames));
        }

        ListNames = listNames;
        oneWordNames = new Dictionary<string, ulong>(StringComparer.Ordinal);
        byFirstWord = new Dictionary<string, List<(string[], ulong)>>(StringComparer.Ordinal);
        foreach (var (name, lists) in names)
        {
            if (!name.Contains(' ', StringComparison.Ordinal))
            {
                oneWordNames[name] = oneWordNames.GetValueOrDefault(name) | lists;
                continue;
            }

            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!byFirstWord.TryGetValue(words[0], out var entries))
            {
                entries = [];
                byFirstWord[words[0]] = entries;
            }

            entries.Add((words[1..], lists));
        }

        pieces = new WordPieces(pieceVocabulary);
        this.clusters = clusters;
    }

    public static Lexicon Empty { get; } = new([], [], [], []);

    public IReadOnlyList<string> ListNames { get; }

    public IReadOnlyList<string> PieceVocabulary => pieces.Vocabulary;

    /// <summary>How many cluster granularities there are (coarse to fine).</summary>
    public int ClusterLevels => clusters.Length;

    /// <summary>Every name with the lists it is in, words separated by one space.</summary>
    public IEnumerable<(string Name, ulong Lists)> Names() =>
        oneWordNames.Select(pair => (pair.Key, pair.Value))
            .Concat(byFirstWord.SelectMany(pair => pair.Value.Select(e => (string.Join(' ', e.Tail.Prepend(pair.Key)), e.Lists))));

    public ushort[] ClusterIds(int level) => clusters[level];

    /// <summary>
    /// Marks the tokens of every list name found in the sentence: <paramref name="add"/> gets (token, list, position),
    /// position 0 for a one-word name, 1 for the first word of a longer one, 2 for the others. All-capital words are
    /// also tried in title case, so <c>JAPAN</c> finds <c>Japan</c>.
    /// </summary>
    public void Match(string[] words, int start, int end, Action<int, int, int> add)
    {
        if (oneWordNames.Count == 0 && byFirstWord.Count == 0)
        {
            return;
        }

        for (var i = start; i < end; i++)
        {
            var word = words[i];
            if (word.Length == 0 || !char.IsUpper(word[0]))
            {
                continue;
            }

            var titleCase = IsAllCaps(word) ? TitleCase(word) : null;
            if (oneWordNames.TryGetValue(word, out var single) || (titleCase is not null && oneWordNames.TryGetValue(titleCase, out single)))
            {
                AddLists(single, i, 0, add);
            }

            if (!byFirstWord.TryGetValue(word, out var entries) && (titleCase is null || !byFirstWord.TryGetValue(titleCase, out entries)))
            {
                continue;
            }

            foreach (var (tail, lists) in entries)
            {
                if (i + 1 + tail.Length <= end && TailMatches(words, i + 1, tail))
                {
                    AddLists(lists, i, tail.Length, add);
                }
            }
        }
    }

    /// <summary>
    /// The cluster of the lower-cased word at <paramref name="level"/>, or of its first and last word pieces when the
    /// whole word is not in the vocabulary; -1 where there is none.
    /// </summary>
    public (int Whole, int First, int Last) Cluster(string lower, int level)
    {
        if (clusters.Length == 0)
        {
            return (-1, -1, -1);
        }

        var ids = clusters[level];
        var whole = pieces.Whole(lower);
        if (whole >= 0)
        {
            return (ids[whole], -1, -1);
        }

        var cut = new List<int>(4);
        pieces.Split(lower, cut);
        return cut.Count == 0 ? (-1, -1, -1) : (-1, ids[cut[0]], ids[cut[^1]]);
    }

    /// <summary>Position 0 for a one-word name, 1 for the first word of a longer one, 2 for the others.</summary>
    private void AddLists(ulong lists, int first, int tailLength, Action<int, int, int> add)
    {
        for (var list = 0; list < ListNames.Count; list++)
        {
            if ((lists & (1UL << list)) == 0)
            {
                continue;
            }

            add(first, list, tailLength == 0 ? 0 : 1);
            for (var k = 1; k <= tailLength; k++)
            {
                add(first + k, list, 2);
            }
        }
    }

    private static bool TailMatches(string[] words, int from, string[] tail)
    {
        for (var k = 0; k < tail.Length; k++)
        {
            var word = words[from + k];
            if (!string.Equals(word, tail[k], StringComparison.Ordinal) && !(IsAllCaps(word) && string.Equals(word, tail[k], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsAllCaps(string word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters > 1;
    }

    private static string TitleCase(string word) => string.Create(word.Length, word, static (span, w) =>
    {
        span[0] = w[0];
        for (var i = 1; i < w.Length; i++)
        {
            span[i] = char.IsLetter(w[i - 1]) ? char.ToLowerInvariant(w[i]) : w[i];
        }
    });
}
