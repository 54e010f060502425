using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>
/// Analyses articles with Azure AI Language: entity recognition and sentiment, and language detection when the feed
/// gave no language. Batches many articles per request through <see cref="LanguageClient"/>.
/// </summary>
public sealed class AzureLanguageAnalyzer(LanguageClient client) : IArticleAnalyzer
{
    public const string Name = "azure-language";

    public LanguageClient Client { get; } = client;

    public async Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, CancellationToken cancellationToken)
    {
        var result = (await AnalyzeManyAsync([new LanguageDocument("article", text, languageHint)], cancellationToken))[0];
        return result.Value ?? throw new LanguageServiceException(200, result.Error!.Code, result.Error.Message);
    }

    /// <summary>Analyses many texts in as few requests as the limits allow; a document's error fails only that document.</summary>
    public async Task<IReadOnlyList<LanguageResult<ArticleAnalysis>>> AnalyzeManyAsync(IReadOnlyList<LanguageDocument> documents, CancellationToken cancellationToken)
    {
        var withLanguage = await WithLanguagesAsync(documents, cancellationToken);
        var entities = await Client.RecognizeEntitiesAsync(withLanguage, cancellationToken);
        var sentiments = await Client.AnalyzeSentimentAsync(withLanguage, cancellationToken);
        return withLanguage.Select((document, i) =>
        {
            var error = entities[i].Error ?? sentiments[i].Error;
            return error is not null
                ? new LanguageResult<ArticleAnalysis>(document.Id, null, error)
                : new LanguageResult<ArticleAnalysis>(document.Id, new ArticleAnalysis(document.Language ?? "und", sentiments[i].Value!, entities[i].Value!.Entities, Name), null);
        }).ToList();
    }

    /// <summary>The feed's language (two letters) where given; otherwise the service detects it.</summary>
    private async Task<List<LanguageDocument>> WithLanguagesAsync(IReadOnlyList<LanguageDocument> documents, CancellationToken cancellationToken)
    {
        var result = documents.Select(d => d with { Language = TwoLetters(d.Language) }).ToList();
        var unknown = result.Where(d => d.Language is null).ToList();
        if (unknown.Count == 0)
        {
            return result;
        }

        var detected = (await Client.DetectLanguageAsync(unknown, cancellationToken)).ToDictionary(r => r.Id);
        return result.Select(d => d.Language is null && detected.TryGetValue(d.Id, out var language) && language.Value is { Code: not "und" } found
            ? d with { Language = found.Code }
            : d).ToList();
    }

    private static string? TwoLetters(string? hint) =>
        string.IsNullOrWhiteSpace(hint) ? null : hint.Split('-', '_')[0].ToLowerInvariant();
}
