using System.Diagnostics;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Benchmarks.Matching;

/// <summary>
/// A quick look while tuning (the figures come from <see cref="MatchingBenchmarks"/>): best of six 0.3 s rounds of
/// matching the benchmark articles, per article. <c>profile N Broad|Specific [seconds]</c>; with seconds it only
/// loops for that long, for <c>perf record</c>.
/// </summary>
internal static class MatchingProfile
{
    public static int Run(string[] args)
    {
        var (count, mix) = (int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<WatchlistMix>(args[1]));
        var workload = new NewsWorkload();
        var articles = workload.Articles(16);
        var matcher = QueryMatcher.Create(workload.Config(count, mix));
        Console.WriteLine($"{count} {mix}: {articles.Average(matcher.CandidateCount):0} candidates, {articles.Average(a => matcher.Match(a).Count):0} matches per article");
        if (args.Length > 2)
        {
            var until = Stopwatch.StartNew();
            while (until.Elapsed.TotalSeconds < double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture))
            {
                articles.ForEach(a => matcher.Match(a));
            }

            return 0;
        }

        Time("read + presearch", articles, a => matcher.CandidateCount(a));
        Time("match", articles, a => matcher.Match(a));
        return 0;
    }

    private static void Time(string name, List<Core.Articles.Article> articles, Action<Core.Articles.Article> action)
    {
        articles.ForEach(action);
        var best = double.MaxValue;
        long bytes = 0;
        for (var round = 0; round < 6; round++)
        {
            var clock = Stopwatch.StartNew();
            var reps = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            while (clock.ElapsedMilliseconds < 300)
            {
                articles.ForEach(action);
                reps++;
            }

            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / (reps * articles.Count));
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (reps * articles.Count);
        }

        Console.WriteLine($"{name,-18} {best,9:0.0} us {bytes,9} B per article");
    }
}
