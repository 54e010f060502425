using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Analysis.Offline;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Analysis;

public sealed class OfflineAnalyzerTests
{
    private static readonly OfflineAnalyzer Analyzer = new();

    /// <summary>Every name the rule-based analyzer found in the seed article before the tagger replaced it (issue 13).</summary>
    public static TheoryData<string, string> SeedEntitiesBeforeTheTagger => new()
    {
        { EntityCategories.Location, "Israel" }, { EntityCategories.Location, "Russia" }, { EntityCategories.Location, "Moscow" },
        { EntityCategories.Location, "Iran" }, { EntityCategories.Location, "Tehran" }, { EntityCategories.Location, "Jerusalem" },
        { EntityCategories.Location, "Gaza Strip" }, { EntityCategories.Organization, "Hamas" }, { EntityCategories.Organization, "TASS" },
        { EntityCategories.Organization, "Reuters" }, { EntityCategories.Organization, "Kommersant" }, { EntityCategories.Organization, "Ria Novosti" },
        { EntityCategories.Organization, "Kremlin" }, { EntityCategories.Organization, "ISIS" }, { EntityCategories.Organization, "Foreign Ministry" },
        { EntityCategories.Organization, "Ministry of Foreign Affairs" }, { EntityCategories.Organization, "The Times of Israel" },
        { EntityCategories.Person, "Putin" }, { EntityCategories.Person, "Vladimir Putin" }, { EntityCategories.Person, "Dmitry Peskov" },
        { EntityCategories.Person, "Abu Marzouk" }, { EntityCategories.Person, "Marzouk" }, { EntityCategories.Person, "Ali Bagheri Kani" },
        { EntityCategories.Person, "Bagheri Kani" }, { EntityCategories.Person, "Mikhail Galuzin" }, { EntityCategories.Person, "Maria Zakharova" },
        { EntityCategories.Person, "Zakharova" }, { EntityCategories.Person, "Lior Haiat" }, { EntityCategories.Person, "Abu Hamid" },
        { EntityCategories.DateTime, "Thursday, October 26" },
    };

    [Theory]
    [MemberData(nameof(SeedEntitiesBeforeTheTagger))]
    public void Analyze_SeedArticle_StillFindsEveryNameTheRulesFound(string category, string name)
    {
        var analysis = Analyzer.Analyze(SeedArticle.Load().AnalysisText, null);

        Assert.Contains(name, Texts(analysis, category));
    }

    [Fact]
    public async Task Analyze_SeedArticle_IsEnglishNotPositiveAndItsOffsetsPointAtTheNames()
    {
        var article = SeedArticle.Load();

        var analysis = await Analyzer.AnalyzeAsync(article.AnalysisText, null, CancellationToken.None);

        Assert.Equal("en", analysis.Language);
        Assert.Equal(OfflineAnalyzer.Name, analysis.Analyzer);
        Assert.NotEqual(SentimentLabel.Positive, analysis.Sentiment.Label);
        Assert.All(analysis.Entities, e => Assert.Equal(e.Text, article.AnalysisText.Substring(e.Offset, e.Length)));
    }

    [Fact]
    public void Analyze_SeedArticle_FindsNoPersonInHeadingsAndTagsNationalitiesAsSuch()
    {
        var analysis = Analyzer.Analyze(SeedArticle.Load().AnalysisText, null);

        Assert.DoesNotContain("Similar Posts", Texts(analysis, EntityCategories.Person));
        var russian = analysis.Entities.Where(e => e.Text == "Russian").ToList();
        Assert.NotEmpty(russian);
        Assert.All(russian, e => Assert.Equal((EntityCategories.Misc, "Nationality"), (e.Category, e.Subcategory)));
    }

    [Theory]
    [InlineData("The government said that the new law was a step in the right direction for the country.", "en")]
    [InlineData("Die Regierung hat am Montag mitgeteilt, dass das neue Gesetz nicht mit der Verfassung vereinbar ist.", "de")]
    [InlineData("Le gouvernement a annoncé que la nouvelle loi est entrée en vigueur dans tout le pays pour les citoyens.", "fr")]
    [InlineData("El gobierno anunció que la nueva ley entra en vigor en todo el país para los ciudadanos.", "es")]
    [InlineData("Правительство объявило, что новый закон вступает в силу по всей стране.", "ru")]
    public void Analyze_Language_IsGuessedFromFunctionWordsOrScript(string text, string expected)
    {
        var analyzer = new OfflineAnalyzer(new OfflineAnalyzerOptions { Languages = ["en", "de", "fr", "es", "ru"] });

        Assert.Equal(expected, analyzer.Analyze(text, null).Language);
    }

    [Fact]
    public void Analyze_LanguageOutsideTheConfiguredSet_FallsBackToTheHint()
    {
        var analyzer = new OfflineAnalyzer(new OfflineAnalyzerOptions { Languages = ["en"] });

        var language = analyzer.Analyze("Die Regierung hat am Montag mitgeteilt, dass das Gesetz nicht gilt.", "de-DE").Language;

        Assert.Equal("de", language);
    }

    [Theory]
    [InlineData("The minister met spokeswoman Anna Kowalczyk in the capital.", "Anna Kowalczyk")]
    [InlineData("Later that day Tomasz Wrobel said the talks had ended.", "Tomasz Wrobel")]
    [InlineData("Talks were led by Prime Minister Jonas Kalnietis on behalf of the coalition.", "Jonas Kalnietis")]
    [InlineData("The plan was drafted by Brenner Quaid, a lawyer from the north.", "Brenner Quaid")]
    [InlineData("Officials close to Petrov Danilenko's spokesman declined to comment.", "Petrov Danilenko")]
    public void Analyze_UnknownNameWithPersonCue_IsAPerson(string text, string name)
    {
        Assert.Contains(name, Texts(Analyzer.Analyze(text, "en"), EntityCategories.Person));
    }

    [Theory]
    [InlineData("Shares of Zorblatt Holdings rose on the news.", "Zorblatt Holdings")]
    [InlineData("A report by the Ministry of Coastal Affairs was published.", "Ministry of Coastal Affairs")]
    [InlineData("The story first ran in the daily Vostrovia when it was still small.", "Vostrovia")]
    public void Analyze_UnknownNameWithOrganisationCue_IsAnOrganisation(string text, string name)
    {
        Assert.Contains(name, Texts(Analyzer.Analyze(text, "en"), EntityCategories.Organization));
    }

    [Theory]
    [InlineData("Flooding was reported along the Vorna River overnight.", "Vorna River")]
    [InlineData("Troops moved into Kastelburg overnight.", "Kastelburg")]
    [InlineData("Rockets were fired from the Gaza Strip into southern Israel.", "Gaza Strip")]
    public void Analyze_PlaceFromGazetteerSuffixOrPreposition_IsALocation(string text, string name)
    {
        Assert.Contains(name, Texts(Analyzer.Analyze(text, "en"), EntityCategories.Location));
    }

    [Fact]
    public void Analyze_TitleBeforeName_SplitsTheDemonymAndTitleFromThePerson()
    {
        var analysis = Analyzer.Analyze("He met Iranian Deputy Foreign Minister Ali Bagheri Kani on Monday.", "en");

        Assert.Contains("Ali Bagheri Kani", Texts(analysis, EntityCategories.Person));
        Assert.DoesNotContain(analysis.Entities, e => e.Text.Contains("Minister", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_SurnameAfterFullName_IsThePerson()
    {
        var analysis = Analyzer.Analyze("Analyst Orla Quennell spoke first. Quennell then left the room.", "en");

        var quennell = analysis.Entities.Where(e => e.Text == "Quennell").ToList();
        Assert.Single(quennell);
        Assert.Equal(EntityCategories.Person, quennell[0].Category);
    }

    [Fact]
    public void Analyze_ConfiguredEntity_OverridesTheTagger()
    {
        var options = new OfflineAnalyzerOptions { Entities = { [EntityCategories.Organization] = ["Brenner Quaid"] } };

        var analysis = new OfflineAnalyzer(options).Analyze("The plan was drafted by Brenner Quaid, a lawyer from the north.", "en");

        Assert.Contains("Brenner Quaid", Texts(analysis, EntityCategories.Organization));
        Assert.DoesNotContain("Brenner Quaid", Texts(analysis, EntityCategories.Person));
    }

    [Fact]
    public void Analyze_SentenceStartCommonWordsAndHeadings_AreNotEntities()
    {
        var analysis = Analyzer.Analyze("Similar Posts\n\nAnother report followed. However the talks went on.", "en");

        Assert.Empty(analysis.Entities);
    }

    [Fact]
    public void Analyze_DatesAndQuantities_AreFoundByPattern()
    {
        var analysis = Analyzer.Analyze("On Thursday, October 26 prices rose 4.5% and 300 people were evacuated.", "en");

        Assert.Contains("Thursday, October 26", Texts(analysis, EntityCategories.DateTime));
        Assert.Contains("4.5%", Texts(analysis, EntityCategories.Quantity));
        Assert.Contains("300 people", Texts(analysis, EntityCategories.Quantity));
    }

    [Theory]
    [InlineData("The new park is a wonderful success and residents are happy.", SentimentLabel.Positive)]
    [InlineData("The attack killed twelve people and destroyed the market.", SentimentLabel.Negative)]
    [InlineData("The results were not good.", SentimentLabel.Negative)]
    [InlineData("The plan is good but the cost is terrible.", SentimentLabel.Negative)]
    [InlineData("The festival was a wonderful success. The flood was a terrible disaster that killed many.", SentimentLabel.Mixed)]
    public void Analyze_Sentiment_IsTheLearnedValenceOfTitleAndLead(string text, SentimentLabel expected)
    {
        var sentiment = Analyzer.Analyze(text, "en").Sentiment;

        Assert.Equal(expected, sentiment.Label);
        Assert.Equal(1, sentiment.Positive + sentiment.Neutral + sentiment.Negative, 3);
    }

    [Theory]
    [InlineData("The committee meets on Tuesday in the town hall.")]
    [InlineData("The report was published on the ministry's website.")]
    public void Analyze_FactualSentence_HasLittleValence(string text)
    {
        var sentiment = Analyzer.Analyze(text, "en").Sentiment;

        Assert.InRange(sentiment.Positive - sentiment.Negative, -0.1, 0.1);
    }

    [Fact]
    public void Analyze_Sentiment_ReadsOnlyTheTitleAndLead()
    {
        var lead = "Villagers celebrate a wonderful harvest festival.\n\n"
            + string.Concat(Enumerable.Repeat("Everyone was happy and proud of the fine success of the village. ", 5));
        var tail = string.Concat(Enumerable.Repeat(" Later a terrible flood killed many and destroyed homes in a tragic disaster.", 10));

        var sentiment = Analyzer.Analyze(lead + tail, "en").Sentiment;

        Assert.Equal(SentimentLabel.Positive, sentiment.Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("... !!! ??? -- 'Mr.' U.S. A.")]
    [InlineData("BREAKING NEWS: ALL CAPS HEADLINE ABOUT THE UN IN NEW YORK")]
    [InlineData("Emoji 😀 and ZWJ 👩‍👩‍👧 and combining e\u0301 in Café Zürich said")]
    [InlineData("of of of The The The , , , Bank of")]
    public void Analyze_OddText_ReturnsAnAnalysisWhoseOffsetsAreInsideTheText(string text)
    {
        var analysis = Analyzer.Analyze(text, null);

        Assert.All(analysis.Entities, e => Assert.Equal(e.Text, text.Substring(e.Offset, e.Length)));
        Assert.Equal(1, analysis.Sentiment.Positive + analysis.Sentiment.Neutral + analysis.Sentiment.Negative, 3);
    }

    private static HashSet<string> Texts(ArticleAnalysis analysis, string category) =>
        analysis.Entities.Where(e => e.Category == category).Select(e => e.Text).ToHashSet();
}
