using System.Diagnostics;
using System.Globalization;
using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Benchmarks.Analysis;

/// <summary>
/// A quick cross-check of the BenchmarkDotNet figure on a busy machine: analyses the 4 KB benchmark articles for a few
/// rounds after warm-up on one thread and prints articles per second of wall time and of this process's CPU time.
/// Run: <c>dotnet run --project tests/NewsAlerts.Benchmarks -c Release -- throughput</c>.
/// </summary>
public static class ThroughputCheck
{
    public static int Run()
    {
        var analyzer = new OfflineAnalyzer();
        var texts = BenchmarkArticles.Create(200, 4096);
        foreach (var text in texts)
        {
            analyzer.Analyze(text, null);
        }

        using var process = Process.GetCurrentProcess();
        const int rounds = 10;
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var text in texts)
            {
                analyzer.Analyze(text, null);
            }
        }

        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var articles = rounds * texts.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{articles} articles of 4 KB: {articles / wall.Elapsed.TotalSeconds:0} articles/s wall, {articles / cpu.TotalSeconds:0} articles/s per CPU second; peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB"));
        return 0;
    }
}
