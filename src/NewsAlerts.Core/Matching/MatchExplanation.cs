namespace NewsAlerts.Core.Matching;

/// <summary>Why a watchlist did or did not match an article: each clause with its outcome, the spans and the score.</summary>
public sealed record MatchExplanation(
    string WatchlistId,
    bool Matched,
    double Score,
    double MinScore,
    IReadOnlyList<ClauseOutcome> Clauses,
    IReadOnlyList<Highlight> Highlights)
{
    /// <summary>The clause tree as indented lines, such as <c>  [yes] Russia</c>.</summary>
    public IEnumerable<string> Lines() =>
        Clauses.Select(c => $"{new string(' ', 2 * c.Depth)}[{(c.Outcome == "true" ? "yes" : c.Outcome == "false" ? "no" : "?")}] {c.Clause}");
}

/// <summary>One clause of a query and whether it held: <c>true</c>, <c>false</c> or <c>unknown</c> (needs analysis).</summary>
public sealed record ClauseOutcome(string Clause, string Outcome, int Depth);
