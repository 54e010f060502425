using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using static NewsAlerts.Core.Tests.Matching.MatcherHarness;

namespace NewsAlerts.Core.Tests.Matching;

/// <summary>The presearcher's required-term check: it may only drop watchlists that cannot match.</summary>
public sealed class PresearcherTests
{
    private static readonly string[] Words =
    [
        "Hamas", "delegation", "Russia", "Moscow", "ceasefire", "Gaza", "talks", "minister", "oil", "gas", "deal",
        "Kremlin", "Iran", "hostages", "strip", "Doha", "Cairo", "election", "vote", "Israel",
    ];

    [Theory]
    [InlineData("(Cairo OR Doha) Hamas", "Hamas talks in Cairo", "Hamas talks in Istanbul")]
    [InlineData("@mediators Hamas", "Hamas talks in Doha", "Hamas talks in Istanbul")]
    [InlineData("Russia Hamas", "Hamas envoys fly to Moscow", "Hamas envoys fly to Ankara")]
    [InlineData("\"Gaza Strip\" talks", "Talks on the strip of Gaza", "Talks on the Gaza coast")]
    [InlineData("source:wire-1 Hamas", "Hamas talks", null)]
    [InlineData("sentiment:negative Hamas", "Hamas talks", null)]
    public void CandidatesLackingARequiredTermOrGroup_AreDropped_OthersKept(string query, string kept, string? dropped)
    {
        var aliases = new Dictionary<string, IReadOnlyList<string>> { ["mediators"] = ["Cairo", "Doha"] };
        var matcher = QueryMatcher.Create(Config(aliases, new WatchlistConfig { Id = "w", Name = "w", Query = query }));
        var negative = AnalysisOf(SentimentLabel.Negative);

        Assert.Equal(1, matcher.CandidateCount(Article(kept, source: "wire-1", analysis: negative)));
        Assert.Equal(0, matcher.CandidateCount(Article(dropped ?? kept, source: dropped is null ? "wire-2" : "wire-1", analysis: dropped is null ? AnalysisOf(SentimentLabel.Positive) : negative)));
    }

    [Fact]
    public void SourceFacet_IgnoresCase_AsTheSourceClauseDoes()
    {
        var matcher = Matcher("source:Wire-1 Hamas");

        Assert.Single(matcher.Match(Article("Hamas talks", source: "WIRE-1")));
    }

    [Fact]
    public void SentimentFacet_WhileAnalysisIsPending_KeepsTheWatchlistPossible()
    {
        var matcher = Matcher("sentiment:negative Hamas");
        var pending = Article("Hamas talks");

        Assert.True(matcher.MayMatch(pending));
        Assert.Empty(matcher.Match(pending));
        Assert.Single(matcher.Match(Article("Hamas talks", analysis: AnalysisOf(SentimentLabel.Negative))));
    }

    /// <summary>
    /// Thousands of random queries over every operator and field, on random articles: with the presearcher and the
    /// flat path for plain queries, the matches, scores and highlights are exactly those of evaluating every
    /// watchlist's clause objects.
    /// </summary>
    [Fact]
    public void RandomQueries_MatchExactlyAsTheReferencePath()
    {
        var random = new Random(20261202);
        var aliases = new Dictionary<string, IReadOnlyList<string>> { ["mediators"] = ["Cairo", "Doha", "\"Qatari officials\""] };
        var watchlists = Enumerable.Range(0, 3000)
            .Select(i => new WatchlistConfig { Id = $"w{i}", Name = "w", Query = RandomQuery(random), GeoAliases = i % 3 != 0 })
            .ToArray();
        var config = Config(aliases, watchlists);
        var fast = QueryMatcher.Create(config);
        var flatOnly = QueryMatcher.Create(config, presearch: false);
        var slow = QueryMatcher.CreateReference(config);
        var matched = 0;

        foreach (var article in Enumerable.Range(0, 40).Select(_ => RandomArticle(random)))
        {
            var expected = slow.Match(article);
            Assert.Equal(expected, fast.Match(article), new MatchComparer());
            Assert.Equal(expected, flatOnly.Match(article), new MatchComparer());
            var pending = article with { Analysis = null };
            Assert.Equal(slow.MayMatch(pending), fast.MayMatch(pending));
            matched += expected.Count;
        }

        Assert.InRange(matched, 500, int.MaxValue); // the queries are not so rare that the comparison is empty
    }

    private static string RandomQuery(Random random)
    {
        string W() => Words[random.Next(Words.Length)];
        return random.Next(14) switch
        {
            0 => W(),
            1 => $"{W()} {W()}",
            2 => $"{W()} {W()} {W()}",
            3 => $"({W()} OR {W()}) {W()}",
            4 => $"{W()} -{W()}",
            5 => $"\"{W()} {W()}\" {W()}",
            6 => $"{W()[..3]}* {W()}",
            7 => $"{W()} NEAR/3 {W()}",
            8 => $"title:{W()} {W()}",
            9 => $"body:{W()} {W()} OR {W()}",
            10 => $"sentiment:{(random.Next(2) == 0 ? "negative" : "positive")} {W()}",
            11 => $"source:wire-{random.Next(3)} {W()}",
            12 => $"@mediators {W()}",
            _ => $"{W()} {W()} -({W()} OR {W()})",
        };
    }

    private static Article RandomArticle(Random random)
    {
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Next(8) == 0 ? "the" : Words[random.Next(Words.Length)]));
        var label = (SentimentLabel)random.Next(4);
        return Article(Text(6), Text(random.Next(10, 60)) + ".", source: $"wire-{random.Next(3)}", analysis: AnalysisOf(label));
    }

    private sealed class MatchComparer : IEqualityComparer<WatchlistMatch>
    {
        public bool Equals(WatchlistMatch? x, WatchlistMatch? y) =>
            x!.WatchlistId == y!.WatchlistId && x.Score.Equals(y.Score) && x.Highlights.SequenceEqual(y.Highlights);

        public int GetHashCode(WatchlistMatch obj) => obj.WatchlistId.GetHashCode(StringComparison.Ordinal);
    }
}
