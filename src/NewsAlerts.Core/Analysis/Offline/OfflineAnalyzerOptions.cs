namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>Settings of the offline analyzer (section <c>NewsAlerts:Analysis:Offline</c>).</summary>
public sealed class OfflineAnalyzerOptions
{
    /// <summary>ISO 639-1 codes the language guesser chooses among; fewer languages, fewer wrong guesses.</summary>
    public List<string> Languages { get; set; } = ["en", "de", "fr", "es", "it", "pt", "nl"];

    /// <summary>
    /// Extra names for the gazetteer, by category (<c>Person</c>, <c>Organization</c>, <c>Location</c>...), such as
    /// aliases or the entities watchlists ask for; they override built-in names with the same words.
    /// </summary>
    public Dictionary<string, List<string>> Entities { get; set; } = [];
}
