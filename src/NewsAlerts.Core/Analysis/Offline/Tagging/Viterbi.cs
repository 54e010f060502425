using System.Buffers;

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

        // Forbidden transitions (I-X not after B-X or I-X) become -infinity once, so the inner loop only adds.
        Span<float> allowed = stackalloc float[(labels + 1) * labels];
        for (var p = -1; p < labels; p++)
        {
            for (var y = 0; y < labels; y++)
            {
                allowed[(p + 1) * labels + y] = TagSet.Allowed(p, y) ? transitions[(p + 1) * labels + y] : float.NegativeInfinity;
            }
        }

        var score = ArrayPool<float>.Shared.Rent(n * labels);
        var back = ArrayPool<int>.Shared.Rent(n * labels);
        try
        {
            for (var y = 0; y < labels; y++)
            {
                score[y] = emissions[y] + allowed[y];
            }

            for (var t = 1; t < n; t++)
            {
                var previous = score.AsSpan((t - 1) * labels, labels);
                for (var y = 0; y < labels; y++)
                {
                    var top = float.NegativeInfinity;
                    var arg = 0;
                    for (var p = 0; p < labels; p++)
                    {
                        var s = previous[p] + allowed[(p + 1) * labels + y];
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
        finally
        {
            ArrayPool<float>.Shared.Return(score);
            ArrayPool<int>.Shared.Return(back);
        }
    }
}
