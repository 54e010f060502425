namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// Relevance of a match, from the hits that satisfied it. Per matched clause: 2 if it hit the title, plus
/// ln(1 + body hits); per pair of clauses that follow each other in the query: 1 / (1 + d), d being the fewest
/// words between their hits in one field. So title hits weigh more, more hits score higher, closer hits higher.
/// </summary>
internal static class MatchScorer
{
    public const double TitleWeight = 2.0;

    /// <param name="hits">Grouped by clause (consecutive hits of one clause).</param>
    public static double Score(List<Hit> hits)
    {
        var score = 0.0;
        var previousStart = -1;
        var start = 0;
        while (start < hits.Count)
        {
            var end = start + 1;
            while (end < hits.Count && string.Equals(hits[end].Clause, hits[start].Clause, StringComparison.Ordinal))
            {
                end++;
            }

            score += ClauseScore(hits, start, end);
            if (previousStart >= 0)
            {
                score += Closeness(hits, previousStart, start, end);
            }

            previousStart = start;
            start = end;
        }

        return Math.Round(score, 3);
    }

    private static double ClauseScore(List<Hit> hits, int start, int end)
    {
        var inTitle = false;
        var bodyHits = 0;
        for (var i = start; i < end; i++)
        {
            if (hits[i].Field == ArticleTerms.TitleField)
            {
                inTitle = true;
            }
            else
            {
                bodyHits++;
            }
        }

        return (inTitle ? TitleWeight : 0) + Math.Log(1 + bodyHits);
    }

    /// <summary>Hits of clause A are [aStart, bStart), of clause B [bStart, bEnd).</summary>
    private static double Closeness(List<Hit> hits, int aStart, int bStart, int bEnd)
    {
        var best = int.MaxValue;
        for (var a = aStart; a < bStart; a++)
        {
            for (var b = bStart; b < bEnd; b++)
            {
                if (hits[a].Field == hits[b].Field && hits[a].Token >= 0 && hits[b].Token >= 0)
                {
                    best = Math.Min(best, Math.Max(0, Math.Abs(hits[a].Token - hits[b].Token) - 1));
                }
            }
        }

        return best == int.MaxValue ? 0 : 1.0 / (1 + best);
    }
}
