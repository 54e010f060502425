namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// The inverted index that keeps matching cheap with many watchlists, as Lucene Monitor's presearcher does: each
/// query is filed under its anchor terms (a set of which the article must contain at least one, see
/// <see cref="Clause.Anchors"/>), and queries without such a set go on an always-candidate list. For an article,
/// only the queries filed under its terms, plus the always list, are evaluated.
/// </summary>
internal sealed class Presearcher
{
    private readonly int[][] _byTerm;
    private readonly int[] _always;

    public Presearcher(IReadOnlyList<CompiledWatchlist> watchlists, TermTable terms)
    {
        var byTerm = new List<int>?[terms.Count];
        var always = new List<int>();
        for (var i = 0; i < watchlists.Count; i++)
        {
            if (watchlists[i].Root.Anchors(terms) is not { } anchors)
            {
                always.Add(i);
                continue;
            }

            foreach (var term in anchors)
            {
                (byTerm[term] ??= []).Add(i);
            }
        }

        _byTerm = [.. byTerm.Select(list => list?.ToArray() ?? [])];
        _always = [.. always];
    }

    /// <summary>Watchlists evaluated for every article.</summary>
    public int AlwaysCount => _always.Length;

    /// <summary>Writes the indexes of the candidate watchlists for the article into <paramref name="candidates"/>, ascending.</summary>
    public void Candidates(ArticleTerms terms, CandidateSet candidates)
    {
        candidates.Clear();
        foreach (var term in terms.Present)
        {
            foreach (var watchlist in _byTerm[term])
            {
                candidates.Add(watchlist);
            }
        }

        foreach (var watchlist in _always)
        {
            candidates.Add(watchlist);
        }

        candidates.Sort();
    }
}

/// <summary>A set of watchlist indexes reused per thread: adding is O(1) and clearing is free.</summary>
internal sealed class CandidateSet
{
    private int[] _seen = [];
    private int[] _items = new int[256];
    private int _generation;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    public void Clear()
    {
        _generation++;
        Count = 0;
    }

    public void Add(int watchlist)
    {
        if (watchlist >= _seen.Length)
        {
            Array.Resize(ref _seen, Math.Max(watchlist + 1, _seen.Length * 2));
        }

        if (_seen[watchlist] == _generation)
        {
            return;
        }

        _seen[watchlist] = _generation;
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        _items[Count++] = watchlist;
    }

    public void Sort() => _items.AsSpan(0, Count).Sort();

    /// <summary>Every index from 0 to <paramref name="count"/> - 1: brute force, no presearch.</summary>
    public void All(int count)
    {
        Clear();
        for (var i = 0; i < count; i++)
        {
            Add(i);
        }
    }
}
