using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;
using static NewsAlerts.Core.Tests.Matching.MatcherHarness;

namespace NewsAlerts.Core.Tests.Matching;

public sealed class QueryMatcherTests
{
    [Fact]
    public void SeedArticle_MatchesHamasDelegationRussia_WithHighlightsOnEachTerm()
    {
        var article = SeedArticle.Load();

        var match = Assert.Single(Matcher("Hamas delegation Russia").Match(article));

        Assert.Equal(["Hamas", "delegation", "Russia"], match.MatchedTerms);
        var text = HighlightedText(article, match);
        Assert.Contains("title:Hamas", text);
        Assert.Contains("body:delegation", text);
        Assert.Contains("title:Russia", text);
        Assert.Contains("body:Russian", text);
        Assert.Contains("body:Moscow", text);
        Assert.Equal(["Hamas"], TextsOf(article, match, "Hamas"));
        Assert.Equal(["delegation"], TextsOf(article, match, "delegation"));
        Assert.Equal(["Moscow", "Russia", "Russian"], TextsOf(article, match, "Russia"));
    }

    [Fact]
    public void Delegations_MatchesDelegation_WithHighlightOnThePlural()
    {
        var article = Article("Delegations arrive", "Two delegations met.");

        var match = Assert.Single(Matcher("delegation").Match(article));

        Assert.Equal(["title:Delegations", "body:delegations"], HighlightedText(article, match));
    }

    [Theory]
    [InlineData("gas Russia", "Russia gas deal", true)]
    [InlineData("gas Russia", "Russia oil deal", false)]
    [InlineData("gas AND Russia", "Russia gas deal", true)]
    [InlineData("gas OR oil", "oil deal", true)]
    [InlineData("gas OR oil", "coal deal", false)]
    [InlineData("deal NOT oil", "gas deal", true)]
    [InlineData("deal NOT oil", "oil deal", false)]
    [InlineData("deal -oil", "oil deal", false)]
    [InlineData("-oil", "gas deal", true)]
    [InlineData("(gas OR oil) Russia", "oil from Russia", true)]
    [InlineData("(gas OR oil) Russia", "oil from Norway", false)]
    [InlineData("gas OR oil Russia", "gas from Norway", true)]
    [InlineData("\"gas deal\"", "a gas deal", true)]
    [InlineData("\"gas deal\"", "a deal on gas", false)]
    [InlineData("\"signs deals\"", "signed a deal", false)]
    [InlineData("\"signed deal\"", "signs deal", true)]
    [InlineData("inflat*", "Inflationary pressure", true)]
    [InlineData("inflat*", "deflation", false)]
    [InlineData("gas NEAR/2 deal", "gas supply contract deal", true)]
    [InlineData("gas NEAR/1 deal", "gas supply contract deal", false)]
    [InlineData("gas NEAR/2 deal", "deal for Chinese gas", true)]
    [InlineData("gas NEAR/0 deal", "gas deal", true)]
    [InlineData("\"gas supply\" NEAR/3 (deal OR contract)", "the gas supply contract", true)]
    [InlineData("ceasefire NEAR hostages", "ceasefire talks on the release of hostages", true)]
    public void Operators(string query, string title, bool matches)
    {
        Assert.Equal(matches, Matches(query, title, geoAliases: false));
    }

    [Fact]
    public void Near_DoesNotCrossFromTitleToBody()
    {
        Assert.False(Matches("gas NEAR/3 deal", "Chinese gas", "deal signed", geoAliases: false));
    }

    [Fact]
    public void Phrase_DoesNotCrossFromTitleToBody()
    {
        Assert.False(Matches("\"gas deal\"", "Chinese gas", "deal signed", geoAliases: false));
    }

    [Theory]
    [InlineData("title:gas", "gas deal", "oil", true)]
    [InlineData("title:gas", "oil deal", "gas", false)]
    [InlineData("body:gas", "oil deal", "gas", true)]
    [InlineData("body:gas", "gas deal", "oil", false)]
    [InlineData("title:\"gas deal\"", "gas deal", "", true)]
    [InlineData("body:(gas OR coal) title:deal", "a deal", "coal", true)]
    [InlineData("body:(gas OR coal) title:deal", "coal", "a deal", false)]
    [InlineData("gas", "oil", "gas", true)]
    public void TextFields(string query, string title, string body, bool matches)
    {
        Assert.Equal(matches, Matches(query, title, body, geoAliases: false));
    }

    [Fact]
    public void SourceField_ComparesSourceId()
    {
        var matcher = Matcher("source:reuters gas");

        Assert.Single(matcher.Match(Article("gas", source: "Reuters")));
        Assert.Empty(matcher.Match(Article("gas", source: "afp")));
    }

    [Fact]
    public void LangField_UsesAnalysisLanguage_ThenTheFeedHint()
    {
        var matcher = Matcher("lang:de gas");

        Assert.Single(matcher.Match(Article("gas", analysis: AnalysisOf(language: "de"))));
        Assert.Empty(matcher.Match(Article("gas", analysis: AnalysisOf(language: "en"))));
        Assert.Single(matcher.Match(new ArticleBuilder().WithTitle("gas").Build() with { LanguageHint = "de-AT" }));
    }

    [Theory]
    [InlineData("sentiment:negative", SentimentLabel.Negative, true)]
    [InlineData("sentiment:negative", SentimentLabel.Positive, false)]
    [InlineData("sentiment:Mixed", SentimentLabel.Mixed, true)]
    [InlineData("sentiment:neutral", SentimentLabel.Neutral, true)]
    [InlineData("sentiment:positive", SentimentLabel.Positive, true)]
    public void SentimentField(string query, SentimentLabel label, bool matches)
    {
        Assert.Equal(matches, Matcher(query).Match(Article("x", analysis: AnalysisOf(label))).Count > 0);
    }

    [Theory]
    [InlineData("entity:Putin", true)]
    [InlineData("entity:\"Vladimir Putin\"", true)]
    [InlineData("entity:Person:Putin", true)]
    [InlineData("entity:Location:Putin", false)]
    [InlineData("entity:Peskov", false)]
    [InlineData("entity:Location:Moscow", true)]
    public void EntityField_UsesAnalyzerEntities(string query, bool matches)
    {
        const string title = "Vladimir Putin in Moscow";
        var analysis = AnalysisOf(entities:
        [
            new Entity("Vladimir Putin", EntityCategories.Person, null, 0, 14, 0.9),
            new Entity("Moscow", EntityCategories.Location, null, 18, 6, 0.9),
        ]);

        Assert.Equal(matches, Matcher(query).Match(Article(title, "", analysis: analysis)).Count > 0);
    }

    [Fact]
    public void EntityHit_HighlightsTheEntityInTitleOrBody()
    {
        var article = Article("Putin speaks", "Talks in Moscow.", analysis: AnalysisOf(entities:
        [
            new Entity("Moscow", EntityCategories.Location, null, "Putin speaks".Length + 2 + 9, 6, 0.9),
        ]));

        var match = Assert.Single(Matcher("entity:Location:Moscow").Match(article));

        Assert.Equal(["body:Moscow"], HighlightedText(article, match));
    }

    [Theory]
    [InlineData("Russia", "Russian officials said", true)]
    [InlineData("Russia", "Russians voted", true)]
    [InlineData("Russia", "talks in Moscow", true)]
    [InlineData("Germany", "the German chancellor in Berlin", true)]
    [InlineData("\"United States\"", "American officials", true)]
    [InlineData("USA", "talks in Washington", true)]
    [InlineData("\"South Africa\"", "in Pretoria", true)]
    [InlineData("\"Côte d'Ivoire\"", "Ivorian cocoa", true)]
    [InlineData("Russian", "talks in Moscow", false)]
    public void GeoAliases_CountryMatchesDemonymsAndCapital(string query, string title, bool matches)
    {
        Assert.Equal(matches, Matches(query, title));
    }

    [Fact]
    public void GeoAliases_CanBeSwitchedOffPerWatchlist()
    {
        Assert.False(Matches("Russia", "talks in Moscow", geoAliases: false));
        Assert.True(Matches("Russia", "Russia's talks", geoAliases: false));
    }

    [Fact]
    public void GeoAliasData_CoversEveryUnMemberState()
    {
        Assert.Equal(193, Core.Matching.Aliases.GeoAliases.CountryCount);
    }

    [Fact]
    public void ConfigAlias_MatchesAnyEntry_AndHighlightsUnderTheAliasName()
    {
        var aliases = new Dictionary<string, IReadOnlyList<string>> { ["kremlin"] = ["Kremlin", "Dmitry Peskov", "Putin*"] };
        var matcher = Matcher("@kremlin ceasefire", aliases: aliases);
        var article = Article("Peskov on a ceasefire", "Dmitry Peskov spoke.");

        Assert.True(matcher.Match(Article("Kremlin ceasefire")).Count == 1);
        Assert.True(matcher.Match(Article("Putinism and a ceasefire")).Count == 1);
        Assert.Empty(matcher.Match(Article("Peskov ceasefire")));
        var match = Assert.Single(matcher.Match(article));
        Assert.Contains("body:Dmitry Peskov", HighlightedText(article, match));
        Assert.Contains("@kremlin", match.MatchedTerms);
    }

    [Fact]
    public void Score_TitleHitsWeighMoreThanBodyHits()
    {
        var matcher = Matcher("climate");
        var inTitle = matcher.Match(Article("Climate talks", "Nothing.")).Single();
        var inBody = matcher.Match(Article("Talks", "On climate.")).Single();

        Assert.True(inTitle.Score > inBody.Score);
    }

    [Fact]
    public void Score_MoreHitsScoreHigher()
    {
        var matcher = Matcher("climate");
        var once = matcher.Match(Article("Talks", "On climate.")).Single();
        var thrice = matcher.Match(Article("Talks", "On climate. Climate again. And climate.")).Single();

        Assert.True(thrice.Score > once.Score);
    }

    [Fact]
    public void Score_CloserHitsScoreHigher()
    {
        var matcher = Matcher("gas deal");
        var close = matcher.Match(Article("Talks", "A gas deal was signed after a long night of talks.")).Single();
        var far = matcher.Match(Article("Talks", "A gas supplier, after a long night of talks, signed the deal.")).Single();

        Assert.True(close.Score > far.Score);
    }

    [Fact]
    public void MinScore_DropsWeakMatches()
    {
        Assert.Single(Matcher("climate", minScore: 2).Match(Article("Climate talks")));
        Assert.Empty(Matcher("climate", minScore: 2).Match(Article("Talks", "On climate.")));
    }

    [Fact]
    public void Highlights_OfPhraseNearAndPrefix_CoverTheirWords()
    {
        var article = Article("Gas supply contract signed", "Inflationary pressure.");

        var match = Assert.Single(Matcher("\"gas supply\" NEAR/1 signed inflat*", geoAliases: false).Match(article));

        Assert.Equal(["title:Gas supply", "title:signed", "body:Inflationary"], HighlightedText(article, match));
        Assert.Equal(["\"gas supply\"", "signed", "inflat*"], match.MatchedTerms);
    }

    [Fact]
    public void Explain_ListsEachClauseWithItsOutcome()
    {
        var matcher = Matcher("Hamas (Cairo OR Doha) -Israel", geoAliases: false);

        var explanation = matcher.Explain(Article("Hamas delegation in Cairo"), "w")!;

        Assert.True(explanation.Matched);
        Assert.Equal(
            ["[yes] Hamas (Cairo OR Doha) -Israel", "  [yes] Hamas", "  [yes] Cairo OR Doha", "    [yes] Cairo", "    [no] Doha", "  [yes] -Israel", "    [no] Israel"],
            explanation.Lines());
    }

    [Fact]
    public void MayMatch_TreatsAnalysisClausesAsPossible_AndTextClausesAsEvaluated()
    {
        var matcher = Matcher("gas entity:Gazprom -sentiment:positive");

        Assert.True(matcher.MayMatch(Article("gas deal")));
        Assert.False(matcher.MayMatch(Article("oil deal")));
        Assert.Empty(matcher.Match(Article("gas deal")));
    }

    [Fact]
    public void Presearch_GivesTheSameMatchesAsBruteForce()
    {
        var queries = new[]
        {
            "Hamas delegation Russia", "gas OR oil", "-Israel", "ceasefire NEAR/6 hostages", "\"Gaza Strip\" humanitarian",
            "Iran* minister", "title:Israel body:Moscow", "(Kremlin OR Peskov) NOT Ukraine", "sentiment:negative", "climate target",
        };
        var config = Config(null, [.. queries.Select((q, i) => new WatchlistConfig { Id = $"w{i}", Name = q, Query = q })]);
        var article = SeedArticle.Load() with { Analysis = AnalysisOf(SentimentLabel.Negative) };

        var fast = QueryMatcher.Create(config).Match(article);
        var slow = QueryMatcher.Create(config, presearch: false).Match(article);

        Assert.Equal(slow, fast, new MatchComparer());
        Assert.Equal(["w0", "w3", "w4", "w5", "w6", "w7", "w8"], fast.Select(m => m.WatchlistId));
    }

    [Fact]
    public void Highlights_StopAtTwelvePerClause_WhileTheScoreCountsEveryHit()
    {
        var body = string.Join(' ', Enumerable.Repeat("Gas prices rose.", 20));
        var twenty = Article("Market report", body);
        var twelve = Article("Market report", string.Join(' ', Enumerable.Repeat("Gas prices rose.", 12)));
        var matcher = Matcher("gas price");

        var match = Assert.Single(matcher.Match(twenty));

        Assert.Equal(QueryMatcher.MaxHighlightsPerClause, match.Highlights.Count(h => h.Term == "gas"));
        Assert.Equal(QueryMatcher.MaxHighlightsPerClause, match.Highlights.Count(h => h.Term == "price"));
        Assert.True(match.Score > Assert.Single(matcher.Match(twelve)).Score);
    }

    [Fact]
    public void Match_IsSafeFromManyThreads()
    {
        var matcher = Matcher("Hamas delegation Russia");
        var article = SeedArticle.Load();
        var expected = matcher.Match(article).Single().Score;

        var scores = new double[64];
        Parallel.For(0, scores.Length, i => scores[i] = matcher.Match(i % 2 == 0 ? article : Article("oil deal")).SingleOrDefault()?.Score ?? -1);

        Assert.All(scores.Where((_, i) => i % 2 == 0), s => Assert.Equal(expected, s));
        Assert.All(scores.Where((_, i) => i % 2 == 1), s => Assert.Equal(-1, s));
    }

    [Fact]
    public void Presearch_EvaluatesOnlyWatchlistsSharingATermWithTheArticle()
    {
        var watchlists = Enumerable.Range(0, 1000).Select(i => new WatchlistConfig { Id = $"w{i}", Name = "w", Query = $"topic{i} war" })
            .Append(new WatchlistConfig { Id = "gaza", Name = "g", Query = "Gaza ceasefire" })
            .Append(new WatchlistConfig { Id = "not", Name = "n", Query = "-Israel" })
            .Append(new WatchlistConfig { Id = "mood", Name = "m", Query = "sentiment:negative" });
        var matcher = QueryMatcher.Create(Config(null, [.. watchlists]));
        var article = Article("Gaza ceasefire talks as the war goes on", "topic7 and topic8 were discussed.");

        // w7, w8, gaza and the always-evaluated NOT; "mood" is not: the article has no analysis, so no sentiment.
        Assert.Equal(4, matcher.CandidateCount(article));
        Assert.Equal(["w7", "w8", "gaza", "not"], matcher.Match(article).Select(m => m.WatchlistId));
    }

    private static List<string> TextsOf(Core.Articles.Article article, WatchlistMatch match, string term) =>
        [.. match.Highlights.Where(h => h.Term == term)
            .Select(h => (h.Field == ArticleFields.Title ? article.Title : article.Body).Substring(h.Offset, h.Length))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private sealed class MatchComparer : IEqualityComparer<WatchlistMatch>
    {
        public bool Equals(WatchlistMatch? x, WatchlistMatch? y) =>
            x!.WatchlistId == y!.WatchlistId && x.Score.Equals(y.Score) && x.Highlights.SequenceEqual(y.Highlights);

        public int GetHashCode(WatchlistMatch obj) => obj.WatchlistId.GetHashCode(StringComparison.Ordinal);
    }
}
