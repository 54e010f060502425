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
        var clauses = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var order = -1;
            for (var j = 0; j < i && order < 0; j++)
            {
                if (ReferenceEquals(span[j].Clause, span[i].Clause) || string.Equals(span[j].Clause, span[i].Clause, StringComparison.Ordinal))
                {
                    order = span[j].Order;
                }
            }

            span[i] = span[i] with { Order = order >= 0 ? order : clauses++ };
        }

        span.Sort(ByClauseFieldOffset);
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
}
