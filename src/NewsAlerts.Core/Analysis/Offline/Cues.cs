namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// The words the capitalised-span rules look at: titles and roles before people, reporting verbs after them,
/// suffixes of organisations, places and events, and words that start sentences without being names.
/// Written for this project; English only, as news in other languages mostly reaches the gazetteer rules.
/// </summary>
internal static class Cues
{
    /// <summary>Capitalised titles inside a span: what follows them is a person (<c>Deputy Foreign Minister Ali Bagheri Kani</c>).</summary>
    public static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "President", "Vice", "Prime", "Minister", "Deputy", "Foreign", "Defence", "Defense", "Interior", "Finance",
        "Secretary", "Chancellor", "Senator", "Sen", "Rep", "Representative", "Governor", "Gov", "Mayor", "Judge",
        "Justice", "General", "Gen", "Colonel", "Col", "Lieutenant", "Lt", "Major", "Maj", "Captain", "Capt",
        "Sergeant", "Admiral", "Commander", "Marshal", "King", "Queen", "Prince", "Princess", "Emperor", "Sheikh",
        "Pope", "Cardinal", "Archbishop", "Bishop", "Rabbi", "Imam", "Father", "Sister", "Mr", "Mrs", "Ms", "Miss",
        "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Ambassador", "Spokesman", "Spokeswoman",
        "Spokesperson", "Chairman", "Chairwoman", "Chief", "Executive", "CEO", "Director", "Speaker", "Leader",
        "Premier", "Commissioner", "Attorney", "Ayatollah", "Crown", "Supreme", "Head", "Coach",
    };

    /// <summary>Lower-case words right before a name that make it a person (<c>spokeswoman Maria Zakharova</c>).</summary>
    public static readonly HashSet<string> RolesBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "spokesman", "spokeswoman", "spokesperson", "president", "minister", "leader", "chief", "director", "ceo",
        "chairman", "chairwoman", "head", "secretary", "ambassador", "envoy", "general", "senator", "governor", "mayor",
        "judge", "lawyer", "attorney", "coach", "player", "striker", "midfielder", "goalkeeper", "actor", "actress",
        "singer", "author", "writer", "journalist", "correspondent", "reporter", "editor", "official", "aide",
        "adviser", "advisor", "analyst", "economist", "premier", "king", "queen", "prince", "princess", "pope",
        "bishop", "commander", "officer", "colonel", "captain", "professor", "dr", "mr", "mrs", "ms", "founder",
        "owner", "chancellor", "candidate", "activist", "rapper", "musician", "guitarist", "drummer", "director",
        "producer", "artist", "painter", "poet", "novelist", "scientist", "researcher", "physician", "doctor",
        "politician", "lawmaker", "mp", "deputy", "representative", "prosecutor", "manager", "husband", "wife",
        "son", "daughter", "brother", "sister", "father", "mother", "colleague", "counterpart", "successor",
        "predecessor", "rival", "opponent", "vocalist", "bassist", "composer", "footballer", "cricketer", "pitcher",
    };

    /// <summary>Words right after a name that make it a person (<c>Dmitry Peskov explained</c>).</summary>
    public static readonly HashSet<string> VerbsAfter = new(StringComparer.Ordinal)
    {
        "said", "says", "told", "stated", "added", "explained", "argued", "noted", "wrote", "announced", "insisted",
        "stressed", "claimed", "warned", "replied", "responded", "asked", "believes", "thinks", "admitted",
        "confirmed", "denied", "recalled", "tweeted", "urged", "who", "himself", "herself", "met", "married",
        "died", "resigned", "visited", "praised", "criticised", "criticized",
    };

    /// <summary>Lower-case words right before a name that make it an organisation (<c>the independent Russian daily Kommersant</c>).</summary>
    public static readonly HashSet<string> OrganizationsBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "agency", "daily", "newspaper", "company", "firm", "group", "party", "broadcaster", "channel", "outlet",
        "magazine", "bank", "club", "team", "band", "label", "organisation", "organization", "network", "giant",
        "carrier", "airline", "manufacturer", "maker", "retailer", "startup", "publisher", "studio", "university",
        "movement", "militia", "station", "website", "tabloid", "weekly", "insurer", "lender",
    };

    /// <summary>Words of a span that make it an organisation (<c>Ministry of Foreign Affairs</c>, <c>Acme Ltd</c>).</summary>
    public static readonly HashSet<string> OrganizationWords = new(StringComparer.Ordinal)
    {
        "Inc", "Ltd", "LLC", "Corp", "Corporation", "Co", "Company", "Plc", "PLC", "AG", "GmbH", "SA", "Group",
        "Holdings", "Party", "Ministry", "Agency", "Bank", "University", "College", "School", "Institute", "Academy",
        "Council", "Committee", "Commission", "Association", "Federation", "Union", "League", "Organization",
        "Organisation", "Foundation", "Department", "Office", "Bureau", "Army", "Navy", "Forces", "Police", "Guard",
        "Court", "Parliament", "Assembly", "Congress", "Senate", "Club", "FC", "United", "Airlines", "Airways",
        "Records", "Press", "News", "Times", "Post", "Herald", "Gazette", "Journal", "Tribune", "Telegraph",
        "Broadcasting", "Television", "Radio", "Network", "Society", "Church", "Hospital", "Museum", "Orchestra",
        "Band", "Brigade", "Battalion", "Regiment", "Service", "Services", "Authority", "Board", "Fund", "Trust",
        "Motors", "Technologies", "Systems", "Industries", "Studios", "Entertainment", "Pictures", "Communications",
        "Laboratories", "Labs", "Energy", "Airport", "Railway", "Railways", "Coalition", "Movement", "Front", "Brothers",
    };

    /// <summary>Last words of a span that make it a place (<c>Hudson River</c>).</summary>
    public static readonly HashSet<string> LocationWords = new(StringComparer.Ordinal)
    {
        "City", "River", "Island", "Islands", "County", "Province", "State", "Street", "Avenue", "Road", "Square",
        "Valley", "Lake", "Mountain", "Mountains", "Mount", "Hills", "Region", "District", "Bay", "Sea", "Ocean",
        "Gulf", "Coast", "Peninsula", "Desert", "Park", "Bridge", "Strait", "Canal", "Harbour", "Harbor", "Village",
        "Town", "Beach", "Forest", "Heights", "Territory", "Oblast", "Prefecture", "Kingdom", "Republic", "Falls",
    };

    /// <summary>Lower-case words right before a name that make it a place (<c>in Donetsk</c>).</summary>
    public static readonly HashSet<string> LocationsBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "into", "near", "outside", "across", "towards", "toward", "city", "town", "village", "province", "region",
        "capital", "port", "district", "northern", "southern", "eastern", "western", "central",
    };

    /// <summary>Words of a span that make it an event (<c>World Cup</c>, <c>Munich Olympics</c>).</summary>
    public static readonly HashSet<string> EventWords = new(StringComparer.Ordinal)
    {
        "War", "Wars", "Olympics", "Olympic", "Games", "Cup", "Championship", "Championships", "Summit", "Festival",
        "Conference", "Election", "Elections", "Revolution", "Crisis", "Open", "Grand", "Prix", "Tournament",
        "Marathon", "Awards", "Expo", "Forum", "Battle", "Uprising", "Massacre", "Treaty", "Accords",
    };

    /// <summary>Lower-case words that join capitalised words into one name (<c>Bank of England</c>, <c>Ludwig van Beethoven</c>).</summary>
    public static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "of", "de", "del", "della", "da", "do", "dos", "du", "des", "la", "le", "al", "el", "bin", "ibn", "von",
        "van", "der", "den", "ter", "y", "for", "upon",
    };

    /// <summary>Capitalised words that are not names: months and weekdays (dates handle them) and pronouns.</summary>
    public static readonly HashSet<string> NeverNames = new(StringComparer.Ordinal)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "I",
        "I'm", "I've", "I'd", "I'll", "A", "An",
    };
}
