namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// Guesses the language of a text among a configured set: the language whose frequent function words the text uses
/// most wins; Cyrillic, Greek, Arabic, Hebrew and CJK text is recognised by its script. Microseconds per article,
/// where Lingua took 4-20 ms; enough for news text of a few sentences or more, not for single words.
/// </summary>
internal sealed class LanguageGuesser
{
    public const string Undetermined = "und";

    private const int WordsToRead = 300;
    private const int MinimumHits = 3;

    private readonly Dictionary<string, string[]> languagesOfWord;
    private readonly string[] languages;

    public LanguageGuesser(IEnumerable<string> languages)
    {
        this.languages = languages.Select(l => l.ToLowerInvariant()).Distinct().ToArray();
        var wanted = this.languages.ToHashSet();
        languagesOfWord = EmbeddedData.Lines("language-stopwords.txt")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => wanted.Contains(words[0]))
            .SelectMany(words => words.Skip(1).Select(word => (Word: word, Language: words[0])))
            .GroupBy(pair => pair.Word, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Language).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An ISO 639-1 code, the hint when the text does not say, or <see cref="Undetermined"/>.</summary>
    public string Guess(string text, IReadOnlyList<Token> tokens, string? hint)
    {
        var byScript = GuessByScript(text, tokens);
        if (byScript is not null && (languages.Contains(byScript) || languages.Length == 0))
        {
            return byScript;
        }

        var hits = new Dictionary<string, int>();
        var lookup = languagesOfWord.GetAlternateLookup<ReadOnlySpan<char>>();
        var read = 0;
        foreach (var token in tokens)
        {
            if (token.Kind != TokenKind.Word || read++ >= WordsToRead)
            {
                continue;
            }

            if (lookup.TryGetValue(token.In(text), out var wordLanguages))
            {
                foreach (var language in wordLanguages)
                {
                    hits[language] = hits.GetValueOrDefault(language) + 1;
                }
            }
        }

        var best = hits.OrderByDescending(h => h.Value).FirstOrDefault();
        if (best.Value >= MinimumHits)
        {
            return best.Key;
        }

        return string.IsNullOrWhiteSpace(hint) ? Undetermined : hint[..Math.Min(2, hint.Length)].ToLowerInvariant();
    }

    /// <summary>The language a non-Latin script implies, when most letters of the first words are in it.</summary>
    private static string? GuessByScript(string text, IReadOnlyList<Token> tokens)
    {
        int latin = 0, cyrillic = 0, greek = 0, arabic = 0, hebrew = 0, cjk = 0;
        foreach (var token in tokens.Take(WordsToRead))
        {
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            switch (text[token.Offset])
            {
                case >= '\u0400' and <= '\u04FF': cyrillic++; break;
                case >= '\u0370' and <= '\u03FF': greek++; break;
                case >= '\u0600' and <= '\u06FF': arabic++; break;
                case >= '\u0590' and <= '\u05FF': hebrew++; break;
                case >= '\u3040' and <= '\u9FFF': cjk++; break;
                default: latin++; break;
            }
        }

        var (count, language) = new[] { (cyrillic, "ru"), (greek, "el"), (arabic, "ar"), (hebrew, "he"), (cjk, "zh") }.MaxBy(p => p.Item1);
        return count > latin ? language : null;
    }
}
