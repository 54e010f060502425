using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Analysis.Offline;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Analysis;

public sealed class OfflineAnalyzerTests
{
    private static readonly OfflineAnalyzer Analyzer = new();

    [Fact]
    public async Task Analyze_SeedArticle_FindsThePlacesOrganisationsAndPeopleOfTheIssueAndIsNotPositive()
    {
        var article = SeedArticle.Load();

        var analysis = await Analyzer.AnalyzeAsync(article.AnalysisText, null, CancellationToken.None);

        Assert.Equal("en", analysis.Language);
        Assert.Equal(OfflineAnalyzer.Name, analysis.Analyzer);
        Assert.NotEqual(SentimentLabel.Positive, analysis.Sentiment.Label);
        Assert.Superset(new HashSet<string> { "Israel", "Russia", "Moscow", "Gaza Strip" }, Texts(analysis, EntityCategories.Location));
        Assert.Superset(new HashSet<string> { "Hamas", "TASS", "Reuters", "Kommersant" }, Texts(analysis, EntityCategories.Organization));
        Assert.Superset(new HashSet<string> { "Dmitry Peskov", "Maria Zakharova", "Vladimir Putin", "Abu Marzouk" }, Texts(analysis, EntityCategories.Person));
        Assert.All(analysis.Entities, e => Assert.Equal(e.Text, article.AnalysisText.Substring(e.Offset, e.Length)));
    }

    [Fact]
    public void Analyze_SeedArticle_FindsNoPersonInHeadingsOrDemonyms()
    {
        var analysis = Analyzer.Analyze(SeedArticle.Load().AnalysisText, null);

        var people = Texts(analysis, EntityCategories.Person);
        Assert.DoesNotContain("Similar Posts", people);
        Assert.DoesNotContain(analysis.Entities, e => e.Text is "Russian" or "Israeli" or "Palestinian");
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
    public void Analyze_ConfiguredEntity_OverridesTheRules()
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
    [InlineData("The committee meets on Tuesday in the town hall.", SentimentLabel.Neutral)]
    [InlineData("The results were not good.", SentimentLabel.Negative)]
    [InlineData("The festival was a wonderful success. The flood was a terrible disaster that killed many.", SentimentLabel.Mixed)]
    public void Analyze_Sentiment_FollowsLexiconAndRules(string text, SentimentLabel expected)
    {
        var sentiment = Analyzer.Analyze(text, "en").Sentiment;

        Assert.Equal(expected, sentiment.Label);
        Assert.Equal(1, sentiment.Positive + sentiment.Neutral + sentiment.Negative, 3);
    }

    [Fact]
    public void Analyze_Intensifier_StrengthensAndButShiftsWeightToTheSecondClause()
    {
        var plain = Analyzer.Analyze("The plan is good.", "en").Sentiment;
        var intensified = Analyzer.Analyze("The plan is very good.", "en").Sentiment;
        var butBad = Analyzer.Analyze("The plan is good but the cost is terrible.", "en").Sentiment;

        Assert.True(intensified.Positive > plain.Positive);
        Assert.Equal(SentimentLabel.Negative, butBad.Label);
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
