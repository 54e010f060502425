using NewsAlerts.Core.Analysis.Offline;
using NewsAlerts.Core.Analysis.Offline.Valence;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis;

/// <summary>
/// The embedded analyzer: no network, thread-safe. Language from function words and script, entities from a trained
/// sequence tagger (the model is an embedded resource, loaded once per process), sentiment from a learned valence
/// model over lexicon and word features (see docs/analysis.md for the design and its measured accuracy).
/// </summary>
public sealed class OfflineAnalyzer : IArticleAnalyzer
{
    public const string Name = "offline";

    private readonly LanguageGuesser languages;
    private readonly EntityRecognizer entities;
    private readonly SentimentScorer sentiment = new(ValenceModel.Shipped);

    public OfflineAnalyzer()
        : this(new OfflineAnalyzerOptions())
    {
    }

    public OfflineAnalyzer(OfflineAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        languages = new LanguageGuesser(options.Languages ?? OfflineAnalyzerOptions.DefaultLanguages);
        var builtIn = new Gazetteer();
        foreach (var (name, category, subcategory) in Gazetteer.BuiltIn())
        {
            builtIn.Add(name, category, subcategory);
        }

        var configured = new Gazetteer();
        foreach (var (category, names) in options.Entities)
        {
            foreach (var name in names)
            {
                configured.Add(name, category, null);
            }
        }

        var tagger = options.ModelPath is null ? NamedEntityTagger.Shipped : LoadTagger(options.ModelPath);
        var demonyms = EmbeddedData.Words("demonyms.txt").ToHashSet(StringComparer.Ordinal);
        entities = new EntityRecognizer(tagger, new KnownNames(builtIn, demonyms), configured);
    }

    /// <summary>A model file from the settings; a missing or unreadable one fails at start, naming the setting.</summary>
    private static NamedEntityTagger LoadTagger(string path)
    {
        try
        {
            return NamedEntityTagger.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                "NewsAlerts:Analysis:Offline:ModelPath", typeof(OfflineAnalyzerOptions), [$"{path}: {ex.Message}"]);
        }
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
        return new ArticleAnalysis(language, sentiment.Score(text, tokens), entities.Recognize(text, tokens), Name);
    }
}
