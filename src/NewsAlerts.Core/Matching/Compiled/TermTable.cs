using System.Collections.Concurrent;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Matching.Text;

namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>What an article word means to the compiled queries: the id of its stem (or -1) and the prefix wildcards it satisfies.</summary>
internal readonly record struct SurfaceEntry(int StemId, int[]? PrefixIds)
{
    public bool IsRelevant => StemId >= 0 || PrefixIds is not null;
}

/// <summary>
/// Interns every stem and prefix the queries use to a small int, so an article is read once into ints and
/// queries compare ints. Caches, per folded article word, its stem id and prefixes, so known words cost one
/// dictionary lookup and no stemming or allocation.
/// </summary>
internal sealed class TermTable
{
    /// <summary>Most distinct article words cached; beyond that words are stemmed each time.</summary>
    private const int MaxCachedWords = 200_000;

    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sourceFacets = new(StringComparer.OrdinalIgnoreCase);
    private readonly int[] _sentimentFacets = [.. Enum.GetValues<SentimentLabel>().Select(_ => -1)];
    private readonly ConcurrentDictionary<string, SurfaceEntry> _words = new(StringComparer.Ordinal);
    private int _cachedWords;
    private readonly ConcurrentDictionary<string, SurfaceEntry>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private Dictionary<string, int[]> _prefixesByHead = new(StringComparer.Ordinal);
    private string[] _prefixText = [];
    private int[] _weight = [];

    public TermTable()
    {
        _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Ids run from 0 to <see cref="Count"/> - 1, stems, prefixes and facets together.</summary>
    public int Count { get; private set; }

    public int StemCount => _stems.Count;

    public int PrefixCount => _prefixes.Count;

    public int AddStem(string stem)
    {
        if (!_stems.TryGetValue(stem, out var id))
        {
            id = Count++;
            _stems.Add(stem, id);
        }

        return id;
    }

    /// <param name="prefix">Folded, unstemmed, at least <see cref="Query.QueryLimits.MinPrefixLength"/> chars.</param>
    public int AddPrefix(string prefix)
    {
        if (!_prefixes.TryGetValue(prefix, out var id))
        {
            id = Count++;
            _prefixes.Add(prefix, id);
        }

        return id;
    }

    /// <summary>
    /// A facet is a term that stands for an article property rather than a word (<c>source:</c>, <c>sentiment:</c>):
    /// <see cref="ArticleTerms"/> marks it present, so the presearcher can check it as it checks words.
    /// </summary>
    public int AddSourceFacet(string sourceId)
    {
        if (!_sourceFacets.TryGetValue(sourceId, out var id))
        {
            id = Count++;
            _sourceFacets.Add(sourceId, id);
        }

        return id;
    }

    public int AddSentimentFacet(SentimentLabel label)
    {
        if (_sentimentFacets[(int)label] < 0)
        {
            _sentimentFacets[(int)label] = Count++;
        }

        return _sentimentFacets[(int)label];
    }

    /// <summary>The facet of articles from this source (compared ignoring case, as <c>source:</c> is), or -1.</summary>
    public int SourceFacet(string sourceId) => _sourceFacets.GetValueOrDefault(sourceId, -1);

    /// <summary>The facet of articles with this sentiment, or -1 when no query asks for it.</summary>
    public int SentimentFacet(SentimentLabel label) => _sentimentFacets[(int)label];

    /// <summary>Presearch weight of a term: its length (longer words are usually rarer). Valid after <see cref="Freeze"/>.</summary>
    public int Weight(int id) => _weight[id];

    /// <summary>Call once after the last Add, before any lookup.</summary>
    public void Freeze()
    {
        _weight = new int[Count];
        foreach (var (stem, id) in _stems)
        {
            _weight[id] = stem.Length;
        }

        foreach (var (prefix, id) in _prefixes)
        {
            _weight[id] = prefix.Length;
        }

        _prefixText = new string[Count];
        foreach (var (prefix, id) in _prefixes)
        {
            _prefixText[id] = prefix;
        }

        _prefixesByHead = _prefixes
            .GroupBy(p => p.Key[..Query.QueryLimits.MinPrefixLength], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>What a folded article word means to the queries. Thread-safe.</summary>
    public SurfaceEntry Lookup(ReadOnlySpan<char> folded, bool hasDigit)
    {
        if (_wordLookup.TryGetValue(folded, out var entry))
        {
            return entry;
        }

        entry = Resolve(folded, hasDigit);

        // A counter of our own: ConcurrentDictionary.Count takes every lock, and misses are frequent (names, typos).
        if (Volatile.Read(ref _cachedWords) < MaxCachedWords && _wordLookup.TryAdd(folded, entry))
        {
            Interlocked.Increment(ref _cachedWords);
        }

        return entry;
    }

    private SurfaceEntry Resolve(ReadOnlySpan<char> folded, bool hasDigit)
    {
        var stemId = _stems.GetValueOrDefault(EnglishStems.Stem(folded, hasDigit), -1);
        List<int>? prefixIds = null;
        if (folded.Length >= Query.QueryLimits.MinPrefixLength
            && _prefixesByHead.TryGetValue(new string(folded[..Query.QueryLimits.MinPrefixLength]), out var candidates))
        {
            foreach (var id in candidates)
            {
                if (folded.StartsWith(_prefixText[id], StringComparison.Ordinal))
                {
                    (prefixIds ??= []).Add(id);
                }
            }
        }

        return new SurfaceEntry(stemId, prefixIds?.ToArray());
    }
}
