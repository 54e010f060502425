using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Benchmarks.Matching;

/// <summary>
/// Watchlist matching, one article per operation, on generated watchlists (<see cref="NewsWorkload"/>):
/// (a) <see cref="QueryMatcher"/> with its presearcher, (b) the same compiled queries evaluated brute force,
/// (c) <see cref="LucenePercolator"/>: MemoryIndex percolation. Articles per second = 1 s / Mean.
/// The "Bytes/watchlist" column is the managed heap the matcher (or the Lucene queries) holds per watchlist.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class MatchingBenchmarks
{
    private const int ArticleCount = 16;
    private const int LuceneArticleCount = 4;

    private List<Article> _articles = [];
    private QueryMatcher _presearch = null!;
    private QueryMatcher _bruteForce = null!;
    private LucenePercolator _percolator = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Watchlists { get; set; }

    /// <summary>Broad: the original workload; Specific: every watchlist requires a name (see <see cref="WatchlistMix"/>).</summary>
    [Params(WatchlistMix.Broad, WatchlistMix.Specific)]
    public WatchlistMix Mix { get; set; }

    [GlobalSetup(Targets = [nameof(Presearcher), nameof(ReadAndPresearchOnly)])]
    public void SetupPresearcher()
    {
        var config = Load();
        _presearch = QueryMatcher.Create(config);
        var matches = _articles.Sum(a => _presearch.Match(a).Count);
        var candidates = _articles.Sum(_presearch.CandidateCount);
        Console.WriteLine($"// {Watchlists} {Mix} watchlists: {matches / (double)ArticleCount:0.#} matches and {candidates / ArticleCount} candidates per article");
    }

    [GlobalSetup(Target = nameof(BruteForce))]
    public void SetupBruteForce() => _bruteForce = QueryMatcher.Create(Load(), presearch: false);

    [GlobalSetup(Target = nameof(MemoryIndexPercolation))]
    public void SetupPercolator()
    {
        var config = Load();
        _percolator = new LucenePercolator(config.Watchlists.Select(w => (w.Id, w.Query)));
        var ours = QueryMatcher.Create(config);
        var same = _articles.Take(LuceneArticleCount).Sum(a => ours.Match(a).Select(m => m.WatchlistId).Intersect(_percolator.Match(a)).Count());
        var lucene = _articles.Take(LuceneArticleCount).Sum(a => _percolator.Match(a).Count);
        Console.WriteLine($"// {Watchlists} {Mix} watchlists: MemoryIndex matched {lucene} over {LuceneArticleCount} articles, {same} of them also matched by QueryMatcher");
    }

    private Core.Configuration.NewsAlertsConfig Load()
    {
        var workload = new NewsWorkload();
        _articles = workload.Articles(ArticleCount);
        return workload.Config(Watchlists, Mix);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ArticleCount)]
    public int Presearcher() => MatchAll(_presearch);

    /// <summary>Only reading the article into terms and asking the presearcher for candidates: the floor of (a).</summary>
    [Benchmark(OperationsPerInvoke = ArticleCount)]
    public int ReadAndPresearchOnly()
    {
        var candidates = 0;
        foreach (var article in _articles)
        {
            candidates += _presearch.CandidateCount(article);
        }

        return candidates;
    }

    [Benchmark(OperationsPerInvoke = ArticleCount)]
    public int BruteForce() => MatchAll(_bruteForce);

    /// <summary>Over the first <see cref="LuceneArticleCount"/> articles only: it is slow enough that 16 would take minutes per run at 100k.</summary>
    [Benchmark(OperationsPerInvoke = LuceneArticleCount)]
    public int MemoryIndexPercolation()
    {
        var matches = 0;
        for (var i = 0; i < LuceneArticleCount; i++)
        {
            var article = _articles[i];
            matches += _percolator.Match(article).Count;
        }

        return matches;
    }

    private int MatchAll(QueryMatcher matcher)
    {
        var matches = 0;
        foreach (var article in _articles)
        {
            matches += matcher.Match(article).Count;
        }

        return matches;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new BytesPerWatchlistColumn());
    }

    /// <summary>Managed heap held per watchlist: GC heap after building minus before, divided by the count.</summary>
    private sealed class BytesPerWatchlistColumn : IColumn
    {
        public string Id => nameof(BytesPerWatchlistColumn);

        public string ColumnName => "Bytes/watchlist";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Size;

        public string Legend => "Managed heap the built matcher holds per watchlist (GC heap after minus before building)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var count = (int)benchmarkCase.Parameters["Watchlists"];
            var mix = (WatchlistMix)benchmarkCase.Parameters["Mix"];
            var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            return MeasureBytesPerWatchlist(count, mix, method).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    internal static double MeasureBytesPerWatchlist(int count, WatchlistMix mix, string method)
    {
        var config = new NewsWorkload().Config(count, mix);
        GC.KeepAlive(QueryMatcher.Create(new NewsWorkload().Config(10))); // load shared statics (country data, stemmer) first
        GC.KeepAlive(new LucenePercolator([("w", "warm up")]));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        object built = method == nameof(MemoryIndexPercolation)
            ? new LucenePercolator(config.Watchlists.Select(w => (w.Id, w.Query)))
            : QueryMatcher.Create(config, presearch: method != nameof(BruteForce));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(built);
        return (after - before) / (double)count;
    }
}
