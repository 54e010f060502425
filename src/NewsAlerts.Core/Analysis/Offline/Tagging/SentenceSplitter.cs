namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// Cuts a tokenised text into sentences for the tagger: at every line break, and after <c>.</c>, <c>!</c> or
/// <c>?</c> when a capitalised word, a quote or a number follows and the dot does not close an abbreviation
/// (<c>Mr.</c>, <c>U.S.</c>, an initial). Training and tagging split the same way, so a sentence edge looks alike to both.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm",
        "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "No", "Nos", "vs", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
        "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Rev", "Hon", "Gov", "Pres", "Supt", "Det", "Insp", "approx", "etc",
    };

    /// <summary>Sentences as token index ranges [Start, End), covering every token in order.</summary>
    public static List<(int Start, int End)> Split(string text, List<Token> tokens)
    {
        var sentences = new List<(int, int)>();
        var start = 0;
        for (var i = 1; i <= tokens.Count; i++)
        {
            if (i == tokens.Count || LineBreakBetween(text, tokens[i - 1], tokens[i]) || EndsSentence(text, tokens, i - 1))
            {
                sentences.Add((start, i));
                start = i;
            }
        }

        return sentences;
    }

    private static bool LineBreakBetween(string text, Token previous, Token next) =>
        text.AsSpan(previous.End, next.Offset - previous.End).Contains('\n');

    private static bool EndsSentence(string text, List<Token> tokens, int index)
    {
        var token = tokens[index];
        if (token.Kind != TokenKind.Punctuation || text[token.Offset] is not ('.' or '!' or '?') || index + 1 >= tokens.Count)
        {
            return false;
        }

        var next = tokens[index + 1];
        var nextChar = text[next.Offset];
        if (!(char.IsUpper(nextChar) || char.IsDigit(nextChar) || nextChar is '"' or '“' or '‘' or '\'' or '('))
        {
            return false;
        }

        return text[token.Offset] != '.' || index == 0 || !IsAbbreviation(text, tokens[index - 1], token);
    }

    /// <summary>A word right before the dot that is a known abbreviation, a single capital letter, or dotted (<c>U.S</c>).</summary>
    private static bool IsAbbreviation(string text, Token word, Token dot)
    {
        if (word.Kind != TokenKind.Word || word.End != dot.Offset)
        {
            return false;
        }

        return IsAbbreviation(word.In(text));
    }

    /// <summary>A word that a dot after it abbreviates: a known abbreviation (<c>Corp</c>), a capital letter, or dotted (<c>U.S</c>).</summary>
    public static bool IsAbbreviation(ReadOnlySpan<char> word) =>
        (word.Length == 1 && char.IsUpper(word[0])) || word.Contains('.')
        || Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
