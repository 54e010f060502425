namespace NewsAlerts.Core.Ingestion;

/// <summary>
/// A language hint for an article: the language the feed declares (primary subtag, lower case, such as <c>en</c>),
/// else a guess from the commonest function words of a few European languages, else none.
/// </summary>
public static class LanguageHint
{
    private static readonly (string Language, HashSet<string> Words)[] StopWords =
    [
        ("en", Set("the and of to in is that for on with was are as by from at this it has have")),
        ("de", Set("der die das und ist nicht mit von den zu im ein eine auf für sich dem des auch")),
        ("fr", Set("le la les et des est une dans que pour pas sur qui au du avec sont par ce")),
        ("es", Set("el la los las y de que en un una por con para es del se su al lo")),
        ("it", Set("il lo la gli le di che è per una con non sono del della nel al si")),
        ("nl", Set("de het een en van is dat op te met voor niet zijn aan er ook")),
    ];

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);

    public static string? For(string? declared, string text)
    {
        if (!string.IsNullOrWhiteSpace(declared))
        {
            return declared.Trim().Split('-', '_')[0].ToLowerInvariant();
        }

        return Guess(text);
    }

    /// <summary>The language whose function words make up most of the text, if they make up at least a tenth of it.</summary>
    internal static string? Guess(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', '\n', '\t', ',', '.', ';', ':', '!', '?', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 5)
        {
            return null;
        }

        var best = StopWords.Select(l => (l.Language, Count: words.Count(l.Words.Contains))).MaxBy(l => l.Count);
        return best.Count * 10 >= words.Length ? best.Language : null;
    }
}
