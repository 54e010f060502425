using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching.Compiled;

namespace NewsAlerts.Core.Matching;

/// <summary>
/// Matches articles against every watchlist query of a config (see docs/query-language.md). Queries are compiled
/// once; an article is read once into interned terms; a presearcher picks the few watchlists that could match, and
/// only those are evaluated. Immutable after construction and safe for concurrent use (scratch is per thread).
/// </summary>
public sealed class QueryMatcher : IWatchlistMatcher
{
    [ThreadStatic]
    private static Scratch? _scratch;

    private readonly CompiledWatchlist[] _watchlists;
    private readonly Entry[] _entries;
    private readonly TermTable _terms;
    private readonly Presearcher? _presearcher;
    private readonly PlainQueries? _plain;

    private QueryMatcher(CompiledWatchlist[] watchlists, TermTable terms, bool presearch, bool plainPath)
    {
        _watchlists = watchlists;
        _terms = terms;
        _presearcher = presearch ? new Presearcher(watchlists, terms) : null;
        _plain = plainPath ? new PlainQueries(watchlists) : null;
        _entries = [.. watchlists.Select((w, i) => new Entry(w.Id, w.MinScore, _plain?.PartsOf(i) ?? default))];
    }

    /// <summary>Most highlights a match carries per clause (title hits first); the score counts every hit.</summary>
    public const int MaxHighlightsPerClause = 12;

    public int WatchlistCount => _watchlists.Length;

    /// <summary>Compiles the config's watchlists; throws <see cref="Query.QueryException"/> for the first bad query (configs are validated on load).</summary>
    /// <param name="presearch">False evaluates every watchlist for every article (for comparison in tests and benchmarks).</param>
    public static QueryMatcher Create(NewsAlertsConfig config, bool presearch = true) => Create(config, presearch, plainPath: true);

    /// <summary>Every watchlist evaluated through its clause objects, no shortcut: what tests hold the fast paths to.</summary>
    internal static QueryMatcher CreateReference(NewsAlertsConfig config) => Create(config, presearch: false, plainPath: false);

    private static QueryMatcher Create(NewsAlertsConfig config, bool presearch, bool plainPath)
    {
        var terms = new TermTable();
        var errors = new List<WatchlistQueryError>();
        var watchlists = WatchlistQueries.Compile(config, terms, errors);
        if (errors.Count > 0)
        {
            throw errors[0].Error;
        }

        terms.Freeze();
        return new QueryMatcher([.. watchlists], terms, presearch, plainPath);
    }

    public IReadOnlyList<WatchlistMatch> Match(Article article)
    {
        var scratch = Load(article, unknownWithoutAnalysis: false);
        var candidates = scratch.Candidates.Items;
        var entries = Gather(candidates, scratch);
        List<WatchlistMatch>? matches = null;
        for (var i = 0; i < candidates.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            if (!TryCollectHits(candidates[i], entry, scratch, out var hits))
            {
                continue;
            }

            var score = MatchScorer.Score(hits);
            if (score >= entry.MinScore)
            {
                (matches ??= []).Add(new WatchlistMatch(entry.Id, score, ToHighlights(hits)));
            }
        }

        return matches ?? (IReadOnlyList<WatchlistMatch>)[];
    }

    public bool MayMatch(Article article)
    {
        var scratch = Load(article, unknownWithoutAnalysis: true);
        foreach (var index in scratch.Candidates.Items)
        {
            if (_watchlists[index].Root.Evaluate(scratch.Context) != Truth.False)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many watchlists the presearcher picks for the article (all of them without presearch): for tests and benchmarks.</summary>
    internal int CandidateCount(Article article) => Load(article, unknownWithoutAnalysis: false).Candidates.Count;

    /// <summary>Why the watchlist matches the article or not; null when no watchlist has that id.</summary>
    public MatchExplanation? Explain(Article article, string watchlistId)
    {
        var watchlist = Array.Find(_watchlists, w => string.Equals(w.Id, watchlistId, StringComparison.Ordinal));
        if (watchlist is null)
        {
            return null;
        }

        var scratch = Load(article, unknownWithoutAnalysis: false);
        var clauses = new List<ClauseOutcome>();
        Describe(watchlist.Root, scratch.Context, 0, clauses);
        var matched = watchlist.Root.Evaluate(scratch.Context) == Truth.True;
        var hits = matched ? CollectHits(watchlist, scratch) : [];
        var score = matched ? MatchScorer.Score(hits) : 0;
        return new MatchExplanation(watchlist.Id, matched && score >= watchlist.MinScore, score, watchlist.MinScore, clauses, ToHighlights(hits));
    }

    private Scratch Load(Article article, bool unknownWithoutAnalysis)
    {
        var scratch = _scratch ??= new Scratch();
        scratch.Context.UnknownWithoutAnalysis = unknownWithoutAnalysis;
        scratch.Context.Terms.Load(article, _terms, unknownWithoutAnalysis);
        if (_presearcher is null)
        {
            scratch.Candidates.All(_watchlists.Length);
        }
        else
        {
            _presearcher.Candidates(scratch.Context.Terms, scratch.Candidates);
        }

        return scratch;
    }

    /// <summary>
    /// Copies the candidates' entries into the scratch and touches their plain parts (or their clause objects), before
    /// any is matched. With many watchlists these reads miss the cache; done in a row, independent of each other,
    /// the processor overlaps the misses instead of waiting for each in turn inside the matching loop.
    /// </summary>
    private ReadOnlySpan<Entry> Gather(ReadOnlySpan<int> candidates, Scratch scratch)
    {
        var entries = scratch.Entries(candidates.Length);
        var touched = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            var entry = entries[i] = _entries[candidates[i]];
            touched += entry.PlainParts.Length > 0
                ? _plain!.Touch(entry.PlainParts)
                : (_watchlists[candidates[i]].Root.Text is null ? 0 : 1);
        }

        scratch.Touched = touched;
        return entries;
    }

    /// <summary>False when the watchlist does not match; else its hits, as <see cref="CollectHits"/> gives them.</summary>
    private bool TryCollectHits(int index, in Entry entry, Scratch scratch, out List<Hit> hits)
    {
        if (entry.PlainParts.Length > 0)
        {
            hits = scratch.Context.Hits;
            hits.Clear();
            return _plain!.TryCollectHits(entry.PlainParts, scratch.Context.Terms, hits);
        }

        var watchlist = _watchlists[index];
        if (watchlist.Root.Evaluate(scratch.Context) != Truth.True)
        {
            hits = scratch.Context.Hits;
            return false;
        }

        hits = CollectHits(watchlist, scratch);
        return true;
    }

    /// <summary>The hits, grouped by clause in query order and by position within a clause (in the per-thread list).</summary>
    private static List<Hit> CollectHits(CompiledWatchlist watchlist, Scratch scratch)
    {
        var hits = scratch.Context.Hits;
        hits.Clear();
        watchlist.Root.CollectHits(scratch.Context, hits);
        HitSorter.Sort(hits);
        return hits;
    }

    /// <summary>Highlights of the first <see cref="MaxHighlightsPerClause"/> hits of each clause (the score counts them all).</summary>
    private static Highlight[] ToHighlights(List<Hit> hits)
    {
        var kept = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            kept += IsHighlighted(hits, i) ? 1 : 0;
        }

        var highlights = new Highlight[kept];
        kept = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            if (IsHighlighted(hits, i))
            {
                var hit = hits[i];
                highlights[kept++] = new Highlight(hit.Field == ArticleTerms.TitleField ? ArticleFields.Title : ArticleFields.Body, hit.Offset, hit.Length, hit.Clause);
            }
        }

        return highlights;
    }

    /// <summary>Whether the hit is among the first <see cref="MaxHighlightsPerClause"/> of its clause (a clause's hits are consecutive).</summary>
    private static bool IsHighlighted(List<Hit> hits, int i) =>
        i < MaxHighlightsPerClause || hits[i - MaxHighlightsPerClause].Order != hits[i].Order;

    private static void Describe(Clause clause, MatchContext context, int depth, List<ClauseOutcome> clauses)
    {
        var outcome = clause.Evaluate(context) switch
        {
            Truth.True => "true",
            Truth.False => "false",
            _ => "unknown",
        };
        clauses.Add(new ClauseOutcome(clause.Text, outcome, depth));
        if (clause is not AnyOfClause)
        {
            foreach (var child in clause.Children)
            {
                Describe(child, context, depth + 1, clauses);
            }
        }
    }

    /// <summary>
    /// What matching needs of a watchlist, in one array rather than behind each compiled watchlist: with many
    /// watchlists every separate place read per match is another cache miss.
    /// </summary>
    /// <param name="PlainParts">Where its parts are in <see cref="PlainQueries"/>; empty when it is not plain.</param>
    private readonly record struct Entry(string Id, double MinScore, PlainQueries.PartRange PlainParts);

    /// <summary>Per-thread reusable state: the article's terms and the candidate set.</summary>
    private sealed class Scratch
    {
        public MatchContext Context { get; } = new();

        private Entry[] _entries = new Entry[256];

        public CandidateSet Candidates { get; } = new();

        /// <summary>Keeps the reads of <see cref="Gather"/> from being optimised away.</summary>
        public int Touched { get; set; }

        public Span<Entry> Entries(int count)
        {
            if (_entries.Length < count)
            {
                _entries = new Entry[Math.Max(count, _entries.Length * 2)];
            }

            return _entries.AsSpan(0, count);
        }
    }

    /// <summary>Builds <see cref="QueryMatcher"/> instances, one per config.</summary>
    public sealed class Factory : IWatchlistMatcherFactory
    {
        public IWatchlistMatcher Create(NewsAlertsConfig config) => QueryMatcher.Create(config);
    }
}
