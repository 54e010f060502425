using System.Collections.Frozen;
using NewsAlerts.Core.Matching.Compiled;

namespace NewsAlerts.Core.Matching.Aliases;

/// <summary>
/// Built-in geographic aliases: each UN member state's names also match its demonyms and capitals
/// (<c>Russia</c> matches <c>Russian</c>, <c>Russians</c> and <c>Moscow</c>). Data: the embedded
/// <c>countries.tsv</c>, see docs/query-language.md for its source.
/// </summary>
public static class GeoAliases
{
    private static readonly Lazy<FrozenDictionary<string, string[]>> ByName = new(Load);

    /// <summary>Number of countries in the data file.</summary>
    public static int CountryCount => Rows.Value.Count;

    private static readonly Lazy<List<string[]>> Rows = new(ReadRows);

    /// <summary>The words and phrases a country name stands for (its names, demonyms and capitals), or null when it is not a country name.</summary>
    public static IReadOnlyList<string>? Find(string nameOrPhrase) =>
        ByName.Value.TryGetValue(Key(nameOrPhrase), out var entries) ? entries : null;

    /// <summary>The folded words of a name joined by single spaces: the lookup key of a country name.</summary>
    internal static string Key(string text) => string.Join(' ', WordList.Of(text));

    private static FrozenDictionary<string, string[]> Load()
    {
        var byName = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in Rows.Value)
        {
            var names = row[0].Split(';');
            var entries = row.SelectMany(column => column.Split(';', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
            foreach (var name in names)
            {
                byName[Key(name)] = entries;
            }
        }

        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<string[]> ReadRows()
    {
        using var stream = typeof(GeoAliases).Assembly.GetManifestResourceStream("NewsAlerts.Matching.countries.tsv")
            ?? throw new InvalidOperationException("the embedded countries.tsv is missing");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }
}
