namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>Settings of the offline analyzer (section <c>NewsAlerts:Analysis:Offline</c>).</summary>
public sealed class OfflineAnalyzerOptions
{
    /// <summary>The languages used when <see cref="Languages"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultLanguages { get; } = ["en", "de", "fr", "es", "it", "pt", "nl"];

    /// <summary>
    /// ISO 639-1 codes the language guesser chooses among (default <see cref="DefaultLanguages"/>); fewer languages,
    /// fewer wrong guesses. Null rather than a filled default because configuration binding appends to a filled array.
    /// </summary>
    public string[]? Languages { get; set; }

    /// <summary>
    /// Names by category (<c>Person</c>, <c>Organization</c>, <c>Location</c>...), such as aliases or the entities
    /// watchlists ask for: wherever they occur they are entities of that category, whatever the tagger says.
    /// </summary>
    public Dictionary<string, List<string>> Entities { get; set; } = [];

    /// <summary>
    /// A model file written by <c>newsalerts ner train</c> to use instead of the shipped one (for a tagger trained on
    /// your own labelled data); null for the shipped model.
    /// </summary>
    public string? ModelPath { get; set; }
}
