using NewsAlerts.Core.Analysis;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Analysis;

public sealed class OfflineAnalyzerTests
{
    [Fact]
    public async Task Analyze_SeedArticle_FindsEnglishPlacesAndOrganisationsAndIsNotPositive()
    {
        var article = SeedArticle.Load();

        var analysis = await new OfflineAnalyzer().AnalyzeAsync(article.AnalysisText, null, CancellationToken.None);

        Assert.Equal("en", analysis.Language);
        Assert.Equal(OfflineAnalyzer.Name, analysis.Analyzer);
        Assert.NotEqual(SentimentLabel.Positive, analysis.Sentiment.Label);
        var locations = analysis.Entities.Where(e => e.Category == EntityCategories.Location).Select(e => e.Text).ToHashSet();
        Assert.Superset(new HashSet<string> { "Israel", "Russia", "Moscow" }, locations);
        var hamas = analysis.Entities.First(e => e.Text == "Hamas");
        Assert.Equal(EntityCategories.Organization, hamas.Category);
        Assert.Equal("Hamas", article.AnalysisText.Substring(hamas.Offset, hamas.Length));
    }
}
