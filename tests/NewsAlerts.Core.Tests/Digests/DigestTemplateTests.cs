using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Core.Tests.Digests;

/// <summary>The rich digest: stories per cluster, time zones, entities, sentiment, limits, links and template files.</summary>
public sealed class DigestTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly Uri Unsubscribe = new("https://alerts.example.com/api/unsubscribe?token=abc.def");

    private static DigestEmail Compose(
        IEnumerable<(Article Article, double Score)> articles,
        string timeZone = "UTC",
        int maxItems = 20,
        IReadOnlySet<string>? alreadySent = null,
        DigestComposer? composer = null,
        string watchlist = "hamas-russia")
    {
        var config = new ConfigBuilder().WithSubscriber("sam", timeZone: timeZone, maxItems: maxItems).Build();
        var items = articles
            .Select(a => new DigestItem(
                new Alert("sam", a.Article.Id, [new WatchlistMatch(watchlist, a.Score, [new Highlight(ArticleFields.Body, 0, 5, "Hamas")])], Now, ClusterId: a.Article.ClusterId),
                a.Article))
            .ToList();
        var content = new DigestContent(config, config.Subscribers[0], DigestKey.Scheduled("sam", ScheduleKind.Daily, Now), items, alreadySent ?? new HashSet<string>());
        return (composer ?? new DigestComposer()).Compose(content, new EmailAddress("alerts@example.com", "NewsAlerts"), Unsubscribe, Now);
    }

    private static Article Story(string id, string title, string? cluster = null, string source = "sample-world", ArticleAnalysis? analysis = null) =>
        new ArticleBuilder().WithId(id).WithTitle(title).WithBody("Hamas delegation visited Moscow on Thursday.").WithCluster(cluster).WithSource(source).WithAnalysis(analysis).Build();

    [Fact]
    public void Compose_ClusterOfThree_ShowsTheBestArticleAndAndTwoSimilar()
    {
        var email = Compose([
            (Story("a1", "Lead story", "c1"), 0.9),
            (Story("a2", "Copy one", "c1", source: "wire"), 0.5),
            (Story("a3", "Copy two", "c1", source: "other"), 0.4),
            (Story("b1", "Unrelated story", "c2"), 0.7),
        ]);

        foreach (var body in new[] { email.Html, email.Text })
        {
            Assert.Contains("Lead story", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Copy one", body, StringComparison.Ordinal);
            Assert.Contains("and 2 similar articles from wire, other", body, StringComparison.Ordinal);
        }

        Assert.Contains("4 new articles", email.Subject, StringComparison.Ordinal);
        Assert.True(email.Html.IndexOf("Lead story", StringComparison.Ordinal) < email.Html.IndexOf("Unrelated story", StringComparison.Ordinal), "ordered by score");
    }

    [Fact]
    public void Compose_StoriesInASection_OrderedByScore()
    {
        var email = Compose([(Story("a1", "Low score"), 0.2), (Story("a2", "High score"), 0.9), (Story("a3", "Mid score"), 0.5)]);

        var positions = new[] { "High score", "Mid score", "Low score" }.Select(t => email.Text.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(-1, positions);
    }

    [Fact]
    public void Compose_StoryAlreadySentInAnEarlierDigest_IsMarkedNewCoverage()
    {
        var email = Compose([(Story("a1", "Follow-up", "c1"), 0.9)], alreadySent: new HashSet<string> { "c1" });

        Assert.Contains("New coverage of a story you already got", email.Html, StringComparison.Ordinal);
        Assert.Contains("[New coverage of a story you already got]", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2023-10-27 11:15 Europe/Berlin")]
    [InlineData("America/New_York", "2023-10-27 05:15 America/New_York")]
    [InlineData("UTC", "2023-10-27 09:15 UTC")]
    public void Compose_PublishedTime_ShownInTheSubscribersZone(string zone, string expected)
    {
        var email = Compose([(Story("a1", "Story"), 0.9)], timeZone: zone);

        Assert.Contains(expected, email.Html, StringComparison.Ordinal);
        Assert.Contains(expected, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AnalysedArticle_ShowsTopEntitiesAndSentimentBadge()
    {
        var analysis = new ArticleAnalysis(
            "en",
            new Sentiment(SentimentLabel.Negative, 0.1, 0.2, 0.7),
            [
                new Entity("Moscow", EntityCategories.Location, null, 0, 6, 0.9),
                new Entity("Hamas", EntityCategories.Organization, null, 10, 5, 0.8),
                new Entity("Hamas", EntityCategories.Organization, null, 30, 5, 0.8),
            ],
            "offline");

        var email = Compose([(Story("a1", "Story", analysis: analysis), 0.9)]);

        Assert.Contains("In this story: Hamas, Moscow", email.Text, StringComparison.Ordinal);
        Assert.Contains(">Hamas</span>", email.Html, StringComparison.Ordinal);
        Assert.Contains("background:#b91c1c;color:#ffffff;font-size:11px;font-weight:bold;\">Negative</span>", email.Html, StringComparison.Ordinal);
        Assert.Contains("| Negative", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AnalysedArticle_ChipsShowNoDatesQuantitiesOrNationalities()
    {
        var analysis = new ArticleAnalysis(
            "en",
            Sentiment.NeutralOnly,
            [
                new Entity("Thursday", EntityCategories.DateTime, null, 0, 8, 0.7),
                new Entity("Thursday", EntityCategories.DateTime, null, 20, 8, 0.7),
                new Entity("4.5%", EntityCategories.Quantity, null, 40, 4, 0.7),
                new Entity("4.5%", EntityCategories.Quantity, null, 50, 4, 0.7),
                new Entity("Russian", EntityCategories.Misc, "Nationality", 60, 7, 0.7),
                new Entity("Russian", EntityCategories.Misc, "Nationality", 70, 7, 0.7),
                new Entity("Gazprom", EntityCategories.Organization, null, 80, 7, 0.7),
            ],
            "offline");

        var email = Compose([(Story("a1", "Story", analysis: analysis), 0.9)]);

        var chips = email.Text.Split('\n').Single(line => line.StartsWith("In this story:", StringComparison.Ordinal));
        Assert.Equal("In this story: Gazprom", chips.TrimEnd());
    }

    [Fact]
    public void Compose_MoreStoriesThanMaxItems_ListsTheBestAndCountsTheRest()
    {
        var email = Compose([(Story("a1", "First"), 0.9), (Story("a2", "Second"), 0.8), (Story("a3", "Third"), 0.7)], maxItems: 2);

        Assert.Contains("Second", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Third", email.Text, StringComparison.Ordinal);
        Assert.Contains("and 1 more article not listed here", email.Html, StringComparison.Ordinal);
        Assert.Contains("and 1 more article not listed here", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SnippetAcrossParagraphs_ReadsAsSentences()
    {
        var article = new ArticleBuilder().WithId("a1").WithTitle("Headline").WithBody("Hamas headline without a stop\n\nSecond paragraph.\n\nThird one").Build();

        var email = Compose([(article, 0.9)]);

        Assert.Contains("Hamas headline without a stop. Second paragraph. Third one", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_EveryEmail_CarriesTheUnsubscribeLinkAndIsEmailSafe()
    {
        var email = Compose([(Story("a1", "Story"), 0.9)]);

        Assert.Contains($"href=\"{Unsubscribe.AbsoluteUri}\"", email.Html, StringComparison.Ordinal);
        Assert.Contains($"Unsubscribe from all NewsAlerts emails: {Unsubscribe.AbsoluteUri}", email.Text, StringComparison.Ordinal);
        Assert.Contains("max-width:640px", email.Html, StringComparison.Ordinal);
        foreach (var unsafeMarkup in new[] { "<script", "<link", "<style", "@import", "url(", "@font-face" })
        {
            Assert.DoesNotContain(unsafeMarkup, email.Html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Compose_HostileEntityAndScriptLink_AreEscapedOrDropped()
    {
        var analysis = new ArticleAnalysis("en", Sentiment.NeutralOnly, [new Entity("<img src=x onerror=alert(3)>", EntityCategories.Person, null, 0, 5, 1)], "offline");
        var article = new ArticleBuilder().WithId("a1").WithTitle("Title").WithBody("Hamas").WithLink(new Uri("javascript:alert(4)")).WithAnalysis(analysis).Build();

        var html = Compose([(article, 0.9)]).Html;

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(3)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Compose_TemplatesFolderOverridesOneFile_UsesItAndKeepsTheOtherBuiltIn()
    {
        using var folder = new TempFolder();
        folder.Write(DigestTemplates.HtmlFile, "<p>Custom for {{ digest.greeting }}: {% for s in digest.sections %}{% for story in s.stories %}{{ story.title }}{% endfor %}{% endfor %}</p>");
        var composer = new DigestComposer(Options.Create(new DeliveryOptions { TemplatesPath = folder.Path }));

        var email = Compose([(Story("a1", "Tom & <Jerry>"), 0.9)], composer: composer);

        Assert.Equal("<p>Custom for Sam Example: Tom &amp; &lt;Jerry&gt;</p>", email.Html);
        Assert.Contains("NEWSALERTS DIGEST", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenTemplateFile_FailsNamingTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write(DigestTemplates.TextFile, "{% for s in digest.sections %}no end");

        var failure = Assert.Throws<OptionsValidationException>(() => DigestTemplates.Load(folder.Path));

        Assert.Contains(path, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTemplatesFolder_FailsNamingIt()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => DigestTemplates.Load("/no/such/templates"));

        Assert.Contains("folder '/no/such/templates' does not exist", failure.Message, StringComparison.Ordinal);
    }
}
