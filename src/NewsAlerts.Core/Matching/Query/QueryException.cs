namespace NewsAlerts.Core.Matching.Query;

/// <summary>A watchlist query cannot be used: what is wrong and where in the query.</summary>
public sealed class QueryException(string problem, string query, int position)
    : Exception(Format(problem, query, position))
{
    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; } = problem;

    /// <summary>0-based char index in the query where the problem starts.</summary>
    public int Position { get; } = position;

    /// <summary>The problem, then the query and a caret line under the position.</summary>
    public static string Format(string problem, string query, int position)
    {
        var shown = query.ReplaceLineEndings(" ");
        var caret = Math.Clamp(position, 0, shown.Length);
        return $"{problem} (at position {caret + 1}){Environment.NewLine}    {shown}{Environment.NewLine}    {new string(' ', caret)}^";
    }
}
