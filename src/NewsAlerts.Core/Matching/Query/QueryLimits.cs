namespace NewsAlerts.Core.Matching.Query;

/// <summary>Limits that keep every query cheap to match; documented in docs/query-language.md.</summary>
public static class QueryLimits
{
    /// <summary>Longest query, in chars.</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>Most words, phrases, aliases and field clauses in one query.</summary>
    public const int MaxClauses = 64;

    /// <summary>Deepest nesting of parentheses.</summary>
    public const int MaxDepth = 16;

    /// <summary>A prefix wildcard needs this many letters or digits before the <c>*</c>, so it cannot expand to most of the language.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>Largest n in <c>NEAR/n</c>.</summary>
    public const int MaxNearDistance = 50;

    /// <summary>n of a bare <c>NEAR</c>.</summary>
    public const int DefaultNearDistance = 5;
}
