namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>One known name: its words (as the tokenizer splits them) and what it is.</summary>
internal sealed record GazetteerEntry(string[] Words, string Category, string? Subcategory);

/// <summary>
/// Known names matched on whole words, case-sensitively, longest name first: the built-in list (countries, capitals,
/// major cities, regions, organisations, news outlets; a training input of the tagger and the source of subcategories)
/// or the names from the config (aliases, watchlist entities), which override the tagger.
/// </summary>
internal sealed class Gazetteer
{
    private readonly Dictionary<string, List<GazetteerEntry>> byFirstWord = new(StringComparer.Ordinal);

    public bool IsEmpty => byFirstWord.Count == 0;

    /// <summary>The built-in names from the embedded <c>gazetteer.txt</c>.</summary>
    public static IEnumerable<(string Name, string Category, string? Subcategory)> BuiltIn()
    {
        string category = EntityCategories.Location;
        string? subcategory = null;
        foreach (var line in EmbeddedData.Lines("gazetteer.txt"))
        {
            if (line[0] == '[')
            {
                var header = line.Trim('[', ']').Split(' ');
                category = header[0];
                subcategory = header[1] == "-" ? null : header[1];
                continue;
            }

            yield return (line, category, subcategory);
        }
    }

    /// <summary>Adds a name; a later name with the same words replaces the earlier one, so config overrides built-ins.</summary>
    public void Add(string name, string category, string? subcategory)
    {
        var words = Tokenizer.Tokenize(name).Select(t => t.Text(name)).ToArray();
        if (words.Length == 0)
        {
            return;
        }

        if (!byFirstWord.TryGetValue(words[0], out var entries))
        {
            entries = [];
            byFirstWord[words[0]] = entries;
        }

        entries.RemoveAll(e => e.Words.SequenceEqual(words, StringComparer.Ordinal));
        entries.Add(new GazetteerEntry(words, category, subcategory));
        entries.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    /// <summary>The longest name starting at token <paramref name="start"/> and ending before <paramref name="limit"/>, if any.</summary>
    public GazetteerEntry? LongestAt(string text, IReadOnlyList<Token> tokens, int start, int limit)
    {
        var lookup = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(tokens[start].In(text), out var entries))
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (start + entry.Words.Length <= limit && WordsMatch(text, tokens, start, entry.Words))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool WordsMatch(string text, IReadOnlyList<Token> tokens, int start, string[] words)
    {
        for (var i = 1; i < words.Length; i++)
        {
            if (!tokens[start + i].In(text).SequenceEqual(words[i]))
            {
                return false;
            }
        }

        return true;
    }
}
