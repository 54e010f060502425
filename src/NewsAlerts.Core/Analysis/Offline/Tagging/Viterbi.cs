namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>The best label sequence of one sentence under emission scores and first-order transition scores.</summary>
internal static class Viterbi
{
    /// <param name="emissions">n × labels scores, row by token.</param>
    /// <param name="transitions">(labels + 1) × labels: row 0 is the sentence start, row p + 1 follows label p.</param>
    public static void Decode(ReadOnlySpan<float> emissions, int n, int labels, float[] transitions, Span<int> best)
    {
        if (n == 0)
        {
            return;
        }

        var score = new float[n * labels];
        var back = new int[n * labels];
        for (var y = 0; y < labels; y++)
        {
            score[y] = TagSet.Allowed(-1, y) ? emissions[y] + transitions[y] : float.NegativeInfinity;
        }

        for (var t = 1; t < n; t++)
        {
            for (var y = 0; y < labels; y++)
            {
                var top = float.NegativeInfinity;
                var arg = 0;
                for (var p = 0; p < labels; p++)
                {
                    if (!TagSet.Allowed(p, y))
                    {
                        continue;
                    }

                    var s = score[(t - 1) * labels + p] + transitions[(p + 1) * labels + y];
                    if (s > top)
                    {
                        top = s;
                        arg = p;
                    }
                }

                score[t * labels + y] = top + emissions[t * labels + y];
                back[t * labels + y] = arg;
            }
        }

        var last = 0;
        for (var y = 1; y < labels; y++)
        {
            if (score[(n - 1) * labels + y] > score[(n - 1) * labels + last])
            {
                last = y;
            }
        }

        for (var t = n - 1; t >= 0; t--)
        {
            best[t] = last;
            last = back[t * labels + last];
        }
    }
}
