using System.Runtime.InteropServices;

namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>Puts the hits of a match in order (by clause in query order, then field, then offset) and drops repeats, in place.</summary>
internal static class HitSorter
{
    private static readonly Comparison<Hit> ByClauseFieldOffset = static (a, b) =>
        a.Order != b.Order ? a.Order.CompareTo(b.Order)
        : a.Field != b.Field ? a.Field.CompareTo(b.Field)
        : a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset)
        : a.Length.CompareTo(b.Length);

    public static void Sort(List<Hit> hits)
    {
        var span = CollectionsMarshal.AsSpan(hits);
        Span<int> firstOfClause = stackalloc int[Query.QueryLimits.MaxClauses * 2];
        var clauses = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var order = -1;
            for (var c = 0; c < clauses && order < 0; c++)
            {
                var first = span[firstOfClause[c]].Clause;
                if (ReferenceEquals(first, span[i].Clause) || string.Equals(first, span[i].Clause, StringComparison.Ordinal))
                {
                    order = c;
                }
            }

            if (order < 0 && clauses < firstOfClause.Length)
            {
                firstOfClause[clauses] = i;
                order = clauses++;
            }

            span[i] = span[i] with { Order = Math.Max(order, 0) };
        }

        if (!IsSorted(span))
        {
            span.Sort(ByClauseFieldOffset);
        }

        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (kept == 0 || span[i] != span[kept - 1])
            {
                span[kept++] = span[i];
            }
        }

        hits.RemoveRange(kept, hits.Count - kept);
    }

    /// <summary>Hits usually arrive in order already (clauses in query order, words in text order): then sorting is skipped.</summary>
    private static bool IsSorted(ReadOnlySpan<Hit> span)
    {
        for (var i = 1; i < span.Length; i++)
        {
            if (ByClauseFieldOffset(span[i - 1], span[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
