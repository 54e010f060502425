using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Matching;

public sealed class AllTermsMatcherTests
{
    private static IWatchlistMatcher Matcher(params (string Id, string Query)[] watchlists) =>
        new AllTermsMatcher.Factory().Create(new NewsAlertsConfig
        {
            Watchlists = watchlists.Select(w => new WatchlistConfig { Id = w.Id, Name = w.Id, Query = w.Query }).ToList(),
        });

    [Fact]
    public void Match_SeedArticle_MatchesHamasDelegationRussia_WithHighlights()
    {
        var article = SeedArticle.Load();

        var match = Assert.Single(Matcher(("hamas-russia", "Hamas delegation Russia")).Match(article));

        Assert.Equal("hamas-russia", match.WatchlistId);
        Assert.Equal(["Hamas", "delegation", "Russia"], match.MatchedTerms);
        var titleHit = Assert.Single(match.Highlights, h => h.Field == ArticleFields.Title && h.Term == "Hamas");
        Assert.Equal("Hamas", article.Title.Substring(titleHit.Offset, titleHit.Length));
    }

    [Fact]
    public void Match_MissingOneTerm_DoesNotMatch()
    {
        var article = new ArticleBuilder().WithTitle("Hamas delegation expected in Cairo").WithBody("Talks resume.").Build();

        Assert.Empty(Matcher(("hamas-russia", "Hamas delegation Russia")).Match(article));
    }

    [Fact]
    public void Match_IgnoresCase_ButNotPartsOfWords()
    {
        var matcher = Matcher(("eu", "eu climate"));

        Assert.Single(matcher.Match(new ArticleBuilder().WithTitle("EU Climate deal").Build()));
        Assert.Empty(matcher.Match(new ArticleBuilder().WithTitle("Europe climate deal in Neuilly").Build()));
    }

    [Fact]
    public void Match_TitleHits_ScoreHigherThanBodyHits()
    {
        var matcher = Matcher(("w", "climate"));
        var inTitle = matcher.Match(new ArticleBuilder().WithTitle("Climate talks").WithBody("Nothing.").Build()).Single();
        var inBody = matcher.Match(new ArticleBuilder().WithTitle("Talks").WithBody("On climate.").Build()).Single();

        Assert.True(inTitle.Score > inBody.Score);
    }
}
