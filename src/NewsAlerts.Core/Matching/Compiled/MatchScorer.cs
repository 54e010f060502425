namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// Relevance of a match, from the hits that satisfied it. Per matched clause: 2 if it hit the title, plus
/// ln(1 + body hits); per pair of clauses that follow each other in the query: 1 / (1 + d), d being the fewest
/// words between their hits in one field. So title hits weigh more, more hits score higher, closer hits higher.
/// </summary>
internal static class MatchScorer
{
    public const double TitleWeight = 2.0;

    /// <param name="hits">Grouped by clause (consecutive hits with one <see cref="Hit.Order"/>, see <see cref="HitSorter"/>).</param>
    public static double Score(List<Hit> hits)
    {
        var score = 0.0;
        var previousStart = -1;
        var start = 0;
        while (start < hits.Count)
        {
            var end = start + 1;
            while (end < hits.Count && hits[end].Order == hits[start].Order)
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

    /// <summary>
    /// Hits of clause A are [aStart, bStart), of clause B [bStart, bEnd), each sorted by field then position: one
    /// merge walk over both finds the closest pair in one field (hits without a word position, such as entity hits,
    /// are skipped).
    /// </summary>
    private static double Closeness(List<Hit> hits, int aStart, int bStart, int bEnd)
    {
        var best = int.MaxValue;
        var a = aStart;
        var b = bStart;
        while (a < bStart && b < bEnd)
        {
            var hitA = hits[a];
            var hitB = hits[b];
            if (hitA.Token < 0)
            {
                a++;
                continue;
            }

            if (hitB.Token < 0)
            {
                b++;
                continue;
            }

            if (hitA.Field == hitB.Field)
            {
                best = Math.Min(best, Math.Max(0, Math.Abs(hitA.Token - hitB.Token) - 1));
            }

            if (hitA.Field < hitB.Field || (hitA.Field == hitB.Field && hitA.Token <= hitB.Token))
            {
                a++;
            }
            else
            {
                b++;
            }
        }

        return best == int.MaxValue ? 0 : 1.0 / (1 + best);
    }
}
