namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// Cue words, written for this project: titles before people, and words that end the names of organisations, places
/// and events. The tagger's training puts them into its lexicon as gazetteer lists (<c>LexiconSources</c>).
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

    /// <summary>Words of a span that make it an event (<c>World Cup</c>, <c>Munich Olympics</c>).</summary>
    public static readonly HashSet<string> EventWords = new(StringComparer.Ordinal)
    {
        "War", "Wars", "Olympics", "Olympic", "Games", "Cup", "Championship", "Championships", "Summit", "Festival",
        "Conference", "Election", "Elections", "Revolution", "Crisis", "Open", "Grand", "Prix", "Tournament",
        "Marathon", "Awards", "Expo", "Forum", "Battle", "Uprising", "Massacre", "Treaty", "Accords",
    };
}
