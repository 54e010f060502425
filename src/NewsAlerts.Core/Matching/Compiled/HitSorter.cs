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
        AssignOrder(span);
        if (!IsSorted(span))
        {
            span.Sort(ByClauseFieldOffset);
        }

        var kept = RemoveRepeats(span);
        hits.RemoveRange(kept, span.Length - kept);
    }

    /// <summary>Puts the hits from <paramref name="start"/> on, all of one clause, in text order without repeats.</summary>
    public static void SortRun(List<Hit> hits, int start)
    {
        var run = CollectionsMarshal.AsSpan(hits)[start..];
        if (run.Length < 2)
        {
            return;
        }

        run.Sort(ByClauseFieldOffset);
        var kept = RemoveRepeats(run);
        hits.RemoveRange(start + kept, run.Length - kept);
    }

    /// <summary>Moves each hit that differs from the one before it to the front of the sorted span; returns how many.</summary>
    private static int RemoveRepeats(Span<Hit> sorted)
    {
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (kept == 0 || !SameHit(sorted[i], sorted[kept - 1]))
            {
                sorted[kept++] = sorted[i];
            }
        }

        return kept;
    }

    /// <summary>Numbers the clauses by their first hit; hits of one clause usually come in a run, so a lookup happens per run.</summary>
    private static void AssignOrder(Span<Hit> span)
    {
        Span<int> firstOfClause = stackalloc int[Query.QueryLimits.MaxClauses * 2];
        var clauses = 0;
        var order = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (i == 0 || !ReferenceEquals(span[i].Clause, span[i - 1].Clause))
            {
                order = FindClause(span, firstOfClause[..clauses], span[i].Clause);
                if (order < 0)
                {
                    order = clauses < firstOfClause.Length ? clauses : 0;
                    if (clauses < firstOfClause.Length)
                    {
                        firstOfClause[clauses++] = i;
                    }
                }
            }

            span[i] = span[i] with { Order = order };
        }
    }

    private static int FindClause(Span<Hit> span, ReadOnlySpan<int> firstOfClause, string clause)
    {
        for (var c = 0; c < firstOfClause.Length; c++)
        {
            if (span[firstOfClause[c]].Clause == clause)
            {
                return c;
            }
        }

        return -1;
    }

    private static bool SameHit(in Hit a, in Hit b) =>
        a.Order == b.Order && a.Field == b.Field && a.Offset == b.Offset && a.Length == b.Length && a.Token == b.Token
        && a.Clause == b.Clause;

    /// <summary>Hits usually arrive in order already (clauses in query order, words in text order): then sorting is skipped.</summary>
    private static bool IsSorted(ReadOnlySpan<Hit> span)
    {
        for (var i = 1; i < span.Length; i++)
        {
            ref readonly var a = ref span[i - 1];
            ref readonly var b = ref span[i];
            var inOrder = a.Order != b.Order ? a.Order < b.Order
                : a.Field != b.Field ? a.Field < b.Field
                : a.Offset != b.Offset ? a.Offset < b.Offset
                : a.Length <= b.Length;
            if (!inOrder)
            {
                return false;
            }
        }

        return true;
    }
}
