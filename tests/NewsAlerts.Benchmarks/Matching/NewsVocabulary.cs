namespace NewsAlerts.Benchmarks.Matching;

/// <summary>
/// Words for generated news: English function words, a hand-picked list of frequent news words, country names,
/// capitals and demonyms from the matcher's embedded country data, well-known surnames and organisations, and a
/// long tail of generated proper names (people, towns, companies) that media-monitoring watchlists mostly track.
/// </summary>
internal static class NewsVocabulary
{
    public static readonly string[] FunctionWords =
    [
        "the", "of", "and", "to", "in", "a", "that", "for", "on", "was", "is", "with", "said", "he", "it", "as", "at",
        "by", "from", "his", "an", "have", "has", "had", "were", "are", "be", "this", "which", "but", "not", "they",
        "their", "after", "who", "been", "its", "also", "will", "would", "more", "than", "over", "about", "into",
        "she", "her", "we", "there", "one", "two", "could", "other", "some", "all", "when", "last", "new", "first",
    ];

    public static readonly string[] NewsWords =
    [
        "government", "minister", "president", "election", "vote", "parliament", "court", "police", "officials",
        "talks", "deal", "agreement", "ceasefire", "war", "attack", "troops", "military", "army", "border", "refugees",
        "sanctions", "economy", "inflation", "interest", "rates", "bank", "market", "shares", "prices", "oil", "gas",
        "energy", "climate", "emissions", "carbon", "target", "summit", "leaders", "delegation", "visit", "meeting",
        "spokesman", "spokeswoman", "statement", "report", "reports", "investigation", "trial", "judge", "ruling",
        "protest", "protesters", "strike", "workers", "union", "wages", "jobs", "unemployment", "growth", "recession",
        "budget", "tax", "taxes", "debt", "loan", "trade", "exports", "imports", "tariffs", "supply", "chain",
        "company", "companies", "profit", "losses", "revenue", "quarter", "investors", "merger", "acquisition",
        "technology", "software", "artificial", "intelligence", "data", "privacy", "cyber", "hackers", "security",
        "health", "hospital", "doctors", "patients", "vaccine", "virus", "outbreak", "disease", "drug", "treatment",
        "school", "students", "teachers", "university", "research", "scientists", "study", "space", "launch",
        "storm", "flood", "floods", "earthquake", "tsunami", "warning", "wildfire", "drought", "heat", "weather",
        "hostages", "humanitarian", "aid", "corridor", "evacuation", "civilians", "casualties", "killed", "wounded",
        "missile", "drone", "drones", "strikes", "airstrike", "navy", "ship", "ships", "port", "pipeline", "nuclear",
        "reactor", "uranium", "weapons", "arms", "defence", "alliance", "treaty", "negotiations", "mediators",
        "ambassador", "embassy", "foreign", "ministry", "deputy", "secretary", "general", "chancellor", "prime",
        "opposition", "party", "coalition", "campaign", "candidate", "polls", "referendum", "constitution", "reform",
        "corruption", "scandal", "resignation", "arrest", "charges", "fraud", "bribery", "prison", "sentence",
        "immigration", "migrants", "asylum", "housing", "rent", "homeless", "poverty", "food", "grain", "wheat",
        "farmers", "fishing", "water", "electricity", "blackout", "grid", "solar", "wind", "coal", "hydrogen",
        "electric", "cars", "vehicles", "batteries", "factory", "plant", "production", "output", "demand", "shortage",
        "airline", "flights", "airport", "rail", "train", "strike", "transport", "tourism", "travel", "visa",
        "football", "match", "tournament", "championship", "olympic", "team", "coach", "players", "season", "final",
        "film", "music", "festival", "award", "artist", "museum", "book", "author", "television", "media",
        "journalist", "journalists", "newspaper", "censorship", "freedom", "rights", "human", "activists", "women",
        "children", "families", "community", "residents", "city", "council", "mayor", "region", "province", "state",
        "federal", "national", "international", "global", "european", "western", "eastern", "northern", "southern",
        "agency", "regulator", "commission", "authority", "committee", "inquiry", "hearing", "testimony", "evidence",
        "accused", "denied", "confirmed", "announced", "warned", "demanded", "expulsion", "condemned", "criticised",
        "supported", "rejected", "approved", "signed", "agreed", "launched", "released", "detained", "arrested",
        "increase", "decrease", "rise", "fall", "record", "highest", "lowest", "billion", "million", "percent",
        "week", "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "morning", "evening", "night", "today", "yesterday", "tomorrow", "recent", "previous", "following", "early",
    ];

    public static readonly string[] Surnames =
    [
        "Putin", "Zelensky", "Biden", "Trump", "Macron", "Scholz", "Sunak", "Starmer", "Meloni", "Erdogan", "Modi",
        "Xi", "Netanyahu", "Guterres", "Lagarde", "Powell", "Musk", "Bezos", "Peskov", "Lavrov", "Zakharova",
        "Blinken", "Sanchez", "Tusk", "Orban", "Lula", "Milei", "Ramaphosa", "Ruto", "Tinubu", "Kishida", "Yoon",
        "Albanese", "Trudeau", "Sheinbaum", "Pezeshkian", "Khamenei", "Haniyeh", "Sinwar", "Marzouk", "Abbas",
        "Stoltenberg", "Rutte", "Borrell", "Kallas", "Leyen", "Michel", "Draghi", "Yellen", "Dimon", "Nadella",
        "Pichai", "Altman", "Cook", "Zuckerberg", "Gates", "Buffett", "Kennedy", "Harris", "Vance", "Pelosi",
    ];

    public static readonly string[] Organisations =
    [
        "Hamas", "Hezbollah", "NATO", "UN", "EU", "IMF", "OPEC", "WHO", "Kremlin", "Pentagon", "Gazprom", "Rosneft",
        "Reuters", "TASS", "Apple", "Google", "Microsoft", "Amazon", "Tesla", "Meta", "Nvidia", "Samsung", "Toyota",
        "Volkswagen", "Siemens", "Shell", "BP", "Exxon", "Aramco", "Boeing", "Airbus", "Pfizer", "Moderna", "Unilever",
        "Nestle", "HSBC", "Barclays", "Goldman", "Sachs", "Morgan", "Fed", "ECB", "Interpol", "Greenpeace", "Amnesty",
    ];

    /// <summary>Country names, demonyms and capitals (one word each) from the matcher's embedded data.</summary>
    public static readonly string[] Geography = LoadGeography();

    /// <summary>Generated proper names: the long tail of people, places and companies.</summary>
    public static string[] LongTail(int count, Random random)
    {
        string[] onsets = ["b", "br", "c", "d", "f", "g", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia"];
        string[] codas = ["", "", "n", "r", "s", "l", "k", "m", "nd", "rg", "tz", "sk"];
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var syllables = random.Next(2, 4);
            var name = string.Concat(Enumerable.Range(0, syllables).Select(_ => onsets[random.Next(onsets.Length)] + vowels[random.Next(vowels.Length)] + codas[random.Next(codas.Length)]));
            names.Add(char.ToUpperInvariant(name[0]) + name[1..]);
        }

        return [.. names];
    }

    private static string[] LoadGeography()
    {
        using var stream = typeof(Core.Matching.QueryMatcher).Assembly.GetManifestResourceStream("NewsAlerts.Matching.countries.tsv")!;
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('#'))
            {
                words.AddRange(line.Split('\t', ';').Where(w => w.Length > 0 && !w.Contains(' ', StringComparison.Ordinal) && !w.Contains('\'', StringComparison.Ordinal) && !w.Contains('-', StringComparison.Ordinal)));
            }
        }

        return [.. words.Distinct(StringComparer.Ordinal)];
    }
}
