using NewsAlerts.Core.Analysis.Offline;

namespace NewsAlerts.Core.Analysis;

/// <summary>
/// The embedded analyzer: no network, no model files, thread-safe. Language from function words and script,
/// entities from a gazetteer plus capitalised-span rules, sentiment from a lexicon with negation and intensifier
/// rules (see docs/analysis.md for the design and its measured accuracy).
/// </summary>
public sealed class OfflineAnalyzer : IArticleAnalyzer
{
    public const string Name = "offline";

    private readonly LanguageGuesser languages;
    private readonly EntityRecognizer entities;

    public OfflineAnalyzer()
        : this(new OfflineAnalyzerOptions())
    {
    }

    public OfflineAnalyzer(OfflineAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        languages = new LanguageGuesser(options.Languages ?? OfflineAnalyzerOptions.DefaultLanguages);
        var gazetteer = new Gazetteer();
        foreach (var (name, category, subcategory) in Gazetteer.BuiltIn())
        {
            gazetteer.Add(name, category, subcategory);
        }

        foreach (var (category, names) in options.Entities)
        {
            foreach (var name in names)
            {
                gazetteer.Add(name, category, null);
            }
        }

        var demonyms = EmbeddedData.Words("demonyms.txt").ToHashSet(StringComparer.Ordinal);
        var firstNames = EmbeddedData.Words("firstnames.txt").ToHashSet(StringComparer.Ordinal);
        entities = new EntityRecognizer(gazetteer, demonyms, firstNames);
    }

    public Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Task.FromResult(Analyze(text, languageHint));
    }

    /// <summary>The synchronous analysis, for callers that batch many texts (the evaluation, the hybrid analyzer).</summary>
    public ArticleAnalysis Analyze(string text, string? languageHint)
    {
        var tokens = Tokenizer.Tokenize(text);
        var language = languages.Guess(text, tokens, languageHint);
        return new ArticleAnalysis(language, SentimentScorer.Score(text, tokens), entities.Recognize(text, tokens), Name);
    }
}
