namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// The inverted index that keeps matching cheap with many watchlists, as Lucene Monitor's presearcher does: each
/// query is filed under its anchor terms (a set of which the article must contain at least one, see
/// <see cref="Clause.Anchors"/>), and queries without such a set go on an always-candidate list. For an article,
/// only the queries filed under its terms, plus the always list, are evaluated.
/// <para>
/// Each posting also carries the query's other required terms (<see cref="Clause.AddRequired"/>), checked against
/// the article before the query becomes a candidate: with many watchlists most queries filed under a common word
/// lack their other words, and reading those terms next to the posting costs far less than walking the query's
/// clause objects scattered over the heap. A posting is: watchlist index, length of the rest, then per group of
/// required terms its length and its terms (see <see cref="RequiredTerms.WriteTo"/>).
/// </para>
/// </summary>
internal sealed class Presearcher
{
    private readonly int[][] _byTerm;
    private readonly int[] _always;

    public Presearcher(IReadOnlyList<CompiledWatchlist> watchlists, TermTable terms)
    {
        var byTerm = new List<int>?[terms.Count];
        var always = new List<int>();
        var required = new RequiredTerms();
        for (var i = 0; i < watchlists.Count; i++)
        {
            required.Clear();
            watchlists[i].Root.AddRequired(required, terms);
            if (watchlists[i].Root.Anchors(terms) is not { } anchors)
            {
                AddPosting(always, i, required, present: -1);
                continue;
            }

            foreach (var term in anchors)
            {
                AddPosting(byTerm[term] ??= [], i, required, present: term);
            }
        }

        _byTerm = [.. byTerm.Select(list => list?.ToArray() ?? [])];
        _always = [.. always];
    }

    /// <summary>Writes the indexes of the candidate watchlists for the article into <paramref name="candidates"/>, ascending.</summary>
    public void Candidates(ArticleTerms terms, CandidateSet candidates)
    {
        candidates.Clear();
        foreach (var term in terms.Present)
        {
            AddCandidates(_byTerm[term], terms, candidates);
        }

        AddCandidates(_always, terms, candidates);
    }

    private static void AddPosting(List<int> postings, int watchlist, RequiredTerms required, int present)
    {
        postings.Add(watchlist);
        var lengthAt = postings.Count;
        postings.Add(0);
        required.WriteTo(postings, present);
        postings[lengthAt] = postings.Count - lengthAt - 1;
    }

    private static void AddCandidates(int[] postings, ArticleTerms terms, CandidateSet candidates)
    {
        var i = 0;
        while (i < postings.Length)
        {
            var watchlist = postings[i];
            var first = i + 2;
            i = first + postings[i + 1];
            if (HasEveryGroup(terms, postings.AsSpan(first, i - first)))
            {
                candidates.Add(watchlist);
            }
        }
    }

    /// <summary>True when the article has a term of every group (each group: its length, then its terms).</summary>
    private static bool HasEveryGroup(ArticleTerms terms, ReadOnlySpan<int> groups)
    {
        var g = 0;
        while (g < groups.Length)
        {
            var group = groups.Slice(g + 1, groups[g]);
            g += group.Length + 1;
            if (!HasAny(terms, group))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasAny(ArticleTerms terms, ReadOnlySpan<int> group)
    {
        foreach (var term in group)
        {
            if (terms.Contains(term))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The candidate watchlists of one article, as a bit per watchlist: adding twice is harmless and reading the words
/// in order yields ascending indexes without a sort (100,000 watchlists are 1,563 words). Reused per thread.
/// </summary>
internal sealed class CandidateSet
{
    private ulong[] _bits = [];
    private int _words;
    private int[] _items = new int[256];
    private int _itemCount = -1;

    /// <summary>The candidates, ascending (gathered on first read after a change).</summary>
    public ReadOnlySpan<int> Items
    {
        get
        {
            if (_itemCount < 0)
            {
                Gather();
            }

            return _items.AsSpan(0, _itemCount);
        }
    }

    public int Count => Items.Length;

    public void Clear()
    {
        _bits.AsSpan(0, _words).Clear();
        _words = 0;
        _itemCount = -1;
    }

    public void Add(int watchlist)
    {
        var word = watchlist >> 6;
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        }

        _bits[word] |= 1UL << watchlist;
        _words = Math.Max(_words, word + 1);
        _itemCount = -1;
    }

    /// <summary>Every index from 0 to <paramref name="count"/> - 1: brute force, no presearch.</summary>
    public void All(int count)
    {
        Clear();
        for (var i = 0; i < count; i++)
        {
            Add(i);
        }
    }

    private void Gather()
    {
        _itemCount = 0;
        for (var word = 0; word < _words; word++)
        {
            for (var bits = _bits[word]; bits != 0; bits &= bits - 1)
            {
                if (_itemCount == _items.Length)
                {
                    Array.Resize(ref _items, _itemCount * 2);
                }

                _items[_itemCount++] = (word << 6) | System.Numerics.BitOperations.TrailingZeroCount(bits);
            }
        }
    }
}
