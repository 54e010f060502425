namespace NewsAlerts.Core.Analysis;

/// <summary>Finds the language, entities and sentiment of a text.</summary>
public interface IArticleAnalyzer
{
    Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, CancellationToken cancellationToken);
}
