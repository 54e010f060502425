using System.Diagnostics;
using System.Globalization;
using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Benchmarks.Analysis;

/// <summary>
/// The whole offline analysis (language, entities, sentiment) on the 4 KB benchmark articles, end to end: the time to
/// load the models and build the analyzer (the first thing the process does), then after a warm-up round, articles per
/// second on one thread and on every core, with the CPU time per article (the figure a busy shared machine disturbs
/// least), and the process's peak working set.
/// Run: <c>dotnet run --project tests/NewsAlerts.Benchmarks -c Release -- throughput</c>.
/// </summary>
public static class ThroughputCheck
{
    private const int Rounds = 10;

    public static int Run()
    {
        using var process = Process.GetCurrentProcess();
        var (load, loadCpu) = Measure(process, () => new OfflineAnalyzer().Analyze("Model load: Maria Zakharova spoke in Moscow.", null));
        var analyzer = new OfflineAnalyzer();

        var texts = BenchmarkArticles.Create(200, 4096);
        foreach (var text in texts)
        {
            analyzer.Analyze(text, null);
        }

        Print("one core", Measure(process, () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var text in texts)
                {
                    analyzer.Analyze(text, null);
                }
            }
        }));
        Print($"all {Environment.ProcessorCount} cores", Measure(process, () =>
            Parallel.For(0, Rounds * texts.Length, i => analyzer.Analyze(texts[i % texts.Length], null))));
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model load and analyzer start: {load.TotalMilliseconds:0} ms wall, {loadCpu.TotalMilliseconds:0} ms CPU; peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB"));
        return 0;

        void Print(string name, (TimeSpan Wall, TimeSpan Cpu) t)
        {
            var articles = Rounds * texts.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {articles} articles of 4 KB, {articles / t.Wall.TotalSeconds:0} articles/s wall, {t.Cpu.TotalMilliseconds / articles:0.000} ms CPU per article"));
        }
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Measure(Process process, Action action)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed, process.TotalProcessorTime - cpu);
    }
}
