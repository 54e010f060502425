using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Analysis;

/// <summary>
/// The embedded analyzer: no network, no model files. Stop-word language detection, a small gazetteer plus
/// capitalised-span rules for entities, and a word lexicon for sentiment. A first version, to be improved.
/// </summary>
public sealed partial class OfflineAnalyzer : IArticleAnalyzer
{
    public const string Name = "offline";

    private static readonly Dictionary<string, string[]> StopWords = new()
    {
        ["en"] = ["the", "and", "of", "to", "in", "is", "that", "was", "for", "with", "on", "said"],
        ["de"] = ["der", "die", "und", "das", "ist", "nicht", "mit", "von", "sich", "auf", "den"],
        ["fr"] = ["le", "la", "les", "et", "des", "est", "une", "que", "dans", "pour", "du"],
        ["es"] = ["el", "la", "los", "las", "y", "que", "del", "por", "una", "con", "para"],
        ["it"] = ["il", "della", "che", "di", "e", "per", "una", "sono", "gli", "nel", "con"],
    };

    private static readonly Dictionary<string, string> Gazetteer = new(StringComparer.Ordinal)
    {
        ["Israel"] = EntityCategories.Location,
        ["Russia"] = EntityCategories.Location,
        ["Moscow"] = EntityCategories.Location,
        ["Iran"] = EntityCategories.Location,
        ["Tehran"] = EntityCategories.Location,
        ["Jerusalem"] = EntityCategories.Location,
        ["Gaza Strip"] = EntityCategories.Location,
        ["European Union"] = EntityCategories.Organization,
        ["Hamas"] = EntityCategories.Organization,
        ["Reuters"] = EntityCategories.Organization,
        ["TASS"] = EntityCategories.Organization,
        ["Kremlin"] = EntityCategories.Organization,
    };

    private static readonly HashSet<string> Positive = new(StringComparer.OrdinalIgnoreCase)
    {
        "agree", "agreed", "agreement", "win", "wins", "won", "growth", "success", "peace", "support",
        "welcome", "welcomed", "improve", "improved", "record", "celebrate", "boost", "strong",
    };

    private static readonly HashSet<string> Negative = new(StringComparer.OrdinalIgnoreCase)
    {
        "accused", "terrorism", "terrorist", "conflict", "condemned", "war", "attack", "killed", "crisis",
        "hostages", "expulsion", "unacceptable", "indecent", "worse", "fall", "falls", "loss", "ban", "criticism",
    };

    public Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, CancellationToken cancellationToken)
    {
        var words = Word().Matches(text).Select(m => m.Value).ToList();
        var analysis = new ArticleAnalysis(DetectLanguage(words, languageHint), ScoreSentiment(words), FindEntities(text), Name);
        return Task.FromResult(analysis);
    }

    private static string DetectLanguage(List<string> words, string? hint)
    {
        var lower = words.Select(w => w.ToLowerInvariant()).ToList();
        var best = StopWords
            .Select(pair => (Language: pair.Key, Hits: lower.Count(pair.Value.Contains)))
            .MaxBy(x => x.Hits);
        if (best.Hits >= 3)
        {
            return best.Language;
        }

        return string.IsNullOrWhiteSpace(hint) ? "und" : hint[..Math.Min(2, hint.Length)].ToLowerInvariant();
    }

    private static Sentiment ScoreSentiment(List<string> words)
    {
        var positive = words.Count(Positive.Contains);
        var negative = words.Count(Negative.Contains);
        var total = positive + negative;
        if (total == 0)
        {
            return Sentiment.NeutralOnly;
        }

        var pos = (double)positive / (total + 2);
        var neg = (double)negative / (total + 2);
        var neutral = 1 - pos - neg;
        var label = (pos, neg) switch
        {
            _ when pos > 0.3 && neg > 0.3 => SentimentLabel.Mixed,
            _ when neg > pos && neg > 0.25 => SentimentLabel.Negative,
            _ when pos > neg && pos > 0.25 => SentimentLabel.Positive,
            _ => SentimentLabel.Neutral,
        };
        return new Sentiment(label, pos, neutral, neg);
    }

    private static List<Entity> FindEntities(string text)
    {
        var entities = new List<Entity>();
        foreach (Match span in CapitalisedSpan().Matches(text))
        {
            if (Gazetteer.TryGetValue(span.Value, out var category))
            {
                entities.Add(new Entity(span.Value, category, null, span.Index, span.Length, 0.9));
            }
            else if (span.Value.Contains(' ', StringComparison.Ordinal) && !IsSentenceStart(text, span.Index))
            {
                entities.Add(new Entity(span.Value, EntityCategories.Person, null, span.Index, span.Length, 0.5));
            }
        }

        return entities;
    }

    private static bool IsSentenceStart(string text, int index)
    {
        var before = text[..index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or '\n';
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)*")]
    private static partial Regex CapitalisedSpan();
}
