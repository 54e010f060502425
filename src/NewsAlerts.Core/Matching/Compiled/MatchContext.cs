namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>Three-valued result: <see cref="Unknown"/> is a clause that needs analysis the article does not have yet.</summary>
internal enum Truth : byte
{
    False,
    True,
    Unknown,
}

/// <summary>Words from <paramref name="Start"/> to <paramref name="End"/> (token indexes, inclusive) that satisfied a clause.</summary>
internal readonly record struct TokenSpan(int Start, int End);

/// <summary>A span of title or body text that satisfied a clause; <paramref name="Order"/> ranks its clause by first hit.</summary>
internal readonly record struct Hit(string Clause, int Field, int Token, int Offset, int Length, int Order = 0);

/// <summary>The article being matched and the scratch clauses use while evaluating it.</summary>
internal sealed class MatchContext
{
    private readonly Stack<List<TokenSpan>> _spanLists = new();

    public ArticleTerms Terms { get; } = new();

    /// <summary>Reused by the matcher to collect the hits of one match.</summary>
    public List<Hit> Hits { get; } = new(64);

    /// <summary>When set, clauses that need analysis the article lacks are <see cref="Truth.Unknown"/> instead of false.</summary>
    public bool UnknownWithoutAnalysis { get; set; }

    public List<TokenSpan> RentSpans() => _spanLists.TryPop(out var list) ? list : new List<TokenSpan>(16);

    public void Return(List<TokenSpan> list)
    {
        list.Clear();
        _spanLists.Push(list);
    }
}
