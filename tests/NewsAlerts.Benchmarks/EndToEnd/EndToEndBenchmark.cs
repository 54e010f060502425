using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsAlerts.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e</c>: <c>newsalerts run --once</c> on a fresh state, end to end, for one or more CLI builds side by side.
/// <code>
/// dotnet run -c Release --project tests/NewsAlerts.Benchmarks -- e2e --articles 20000 --watchlists 10 --runs 3 \
///   --cli base=/work/wt/base/src/NewsAlerts.Cli/bin/Release/net10.0/newsalerts.dll \
///   --cli new=src/NewsAlerts.Cli/bin/Release/net10.0/newsalerts.dll [--noop] [--work DIR] [--keep]
/// </code>
/// Each round runs every build once, in turn, so a change in machine load hits all of them alike; the summary takes
/// the minimum wall time of the rounds (the run least disturbed by others on a shared machine) and the median of the
/// rest. <c>--noop</c> measures instead a second poll of unchanged feeds on a used state, against the same command on a
/// one-item config (process start, host, config and store opening), so the difference is what the no-op poll costs.
/// A build that knows <c>--timings</c> prints its busy time per stage, shown as shares of the run.
/// </summary>
internal static partial class EndToEndBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), "newsalerts-e2e");
        var now = TimeProvider.System.GetUtcNow();
        var data = Path.Combine(work, $"data-{options.Articles}x{options.Watchlists}");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var written = FeedWorkload.Write(data, options.Articles, options.Watchlists, now, options.ItemsPerFeed);
        var minimal = FeedWorkload.WriteMinimal(Path.Combine(work, "minimal"), now);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{written.Articles} articles (body {written.AverageBodyChars:0} characters on average) in {written.Feeds} file feeds, {written.Watchlists} watchlists, {written.Subscribers} subscribers; {(options.Noop ? "no-op poll" : "run --once on a fresh state")}, {options.Runs} rounds"));
        Console.WriteLine($"load before: {LoadAverage()}");
        var builds = options.Builds.Select(b => new Build(b.Name, Path.GetFullPath(b.Path), Knows(b.Path, "--timings"), Knows(b.Path, "--all-sources"))).ToList();

        var results = builds.ToDictionary(b => b.Name, _ => new List<Measured>());
        for (var round = 0; round < options.Runs; round++)
        {
            foreach (var build in builds)
            {
                var measured = options.Noop ? NoopPoll(build, work, written.ConfigPath, minimal) : FreshRun(build, work, written.ConfigPath);
                results[build.Name].Add(measured);
                Console.WriteLine($"  round {round + 1} {build.Name}: {measured.Describe(written.Articles)}");
            }
        }

        Console.WriteLine($"load after: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine(Summary(builds, results, written, options.Noop));
        if (!options.Keep)
        {
            Directory.Delete(data, recursive: true);
        }

        return results.Values.SelectMany(r => r).All(r => r.Cost.ExitCode == 0) ? 0 : 1;
    }

    private static Measured FreshRun(Build build, string work, string config)
    {
        var run = FreshFolder(work, "run-" + build.Name);
        var cost = RunOnce(build, config, run);
        var measured = new Measured(cost, FolderBytes(Path.Combine(run, "state")), null) { OutboxBytes = FolderBytes(Path.Combine(run, "outbox"), page: 4096) };
        Directory.Delete(run, recursive: true);
        return measured;
    }

    /// <summary>A first run fills the state; the second, measured, polls the same unchanged feeds; then the one-item config twice.</summary>
    private static Measured NoopPoll(Build build, string work, string config, string minimal)
    {
        var run = FreshFolder(work, "noop-" + build.Name);
        RunOnce(build, config, run);
        var cost = RunOnce(build, config, run);
        var empty = FreshFolder(work, "minimal-" + build.Name);
        RunOnce(build, minimal, empty);
        var baseline = RunOnce(build, minimal, empty);
        var measured = new Measured(cost, FolderBytes(Path.Combine(run, "state")), baseline);
        Directory.Delete(run, recursive: true);
        Directory.Delete(empty, recursive: true);
        return measured;
    }

    private static ProcessCost RunOnce(Build build, string config, string folder)
    {
        List<string> arguments = ["run", "--once", "--config", config, "--state", Path.Combine(folder, "state"), "--outbox", Path.Combine(folder, "outbox")];
        if (build.KnowsTimings)
        {
            arguments.Add("--timings");
        }

        if (build.KnowsAllSources)
        {
            arguments.Add("--all-sources"); // poll every source now, whatever its interval: the poll is what is measured
        }

        var cost = MeasuredProcess.Run(build.Path, arguments, folder);
        if (cost.ExitCode != 0)
        {
            Console.WriteLine($"  {build.Name} exited with {cost.ExitCode}: {cost.Error.Trim()}");
        }

        return cost;
    }

    private static string Summary(List<Build> builds, Dictionary<string, List<Measured>> results, FeedWorkload.Written written, bool noop)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (noop)
        {
            text.AppendLine("| build | no-op poll wall s (min / median) | one-item config wall s (min) | poll cost beyond it s | written KB | peak MB |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var build in builds)
            {
                var runs = results[build.Name];
                var poll = runs.Min(r => r.Cost.Wall.TotalSeconds);
                var start = runs.Min(r => r.Baseline!.Wall.TotalSeconds);
                text.AppendLine(string.Create(inv,
                    $"| {build.Name} | {poll:0.00} / {Median(runs.Select(r => r.Cost.Wall.TotalSeconds)):0.00} | {start:0.00} | {poll - start:0.00} | {Median(runs.Select(r => r.Cost.WrittenBytes / 1024.0)):0} | {runs.Max(r => r.Cost.PeakRssBytes) / 1048576.0:0} |"));
            }

            return text.ToString();
        }

        text.AppendLine("| build | wall s (min / median) | articles/s | CPU s (min / median) | written KB/article | of it outbox | state MB | peak MB | new | alerts | digests | speed-up |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var reference = results[builds[0].Name].Min(r => r.Cost.Wall.TotalSeconds);
        foreach (var build in builds)
        {
            var runs = results[build.Name];
            var best = runs.MinBy(r => r.Cost.Wall)!;
            var wall = best.Cost.Wall.TotalSeconds;
            var (articles, alerts, digests) = Counts(best.Cost.Output);
            text.AppendLine(string.Create(inv,
                $"| {build.Name} | {wall:0.00} / {Median(runs.Select(r => r.Cost.Wall.TotalSeconds)):0.00} | {written.Articles / wall:0} | {runs.Min(r => r.Cost.Cpu.TotalSeconds):0.0} / {Median(runs.Select(r => r.Cost.Cpu.TotalSeconds)):0.0} | {Median(runs.Select(r => r.Cost.WrittenBytes / 1024.0 / written.Articles)):0.0} | {Median(runs.Select(r => r.OutboxBytes / 1024.0 / written.Articles)):0.0} | {best.StateBytes / 1048576.0:0.0} | {runs.Max(r => r.Cost.PeakRssBytes) / 1048576.0:0} | {articles} | {alerts} | {digests} | {reference / wall:0.00}x |"));
        }

        foreach (var build in builds.Where(b => b.KnowsTimings))
        {
            var best = results[build.Name].MinBy(r => r.Cost.Wall)!;
            var stages = Stages(best.Cost.Output);
            if (stages.Count > 0)
            {
                text.AppendLine();
                text.AppendLine(string.Create(inv, $"{build.Name}, stages of the fastest run (busy seconds; a stage running beside another counts in both):"));
                var wall = best.Cost.Wall.TotalSeconds;
                foreach (var (stage, seconds) in stages)
                {
                    text.AppendLine(string.Create(inv, $"  {stage,-24} {seconds,8:0.000} s {100 * seconds / wall,5:0}% of wall"));
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The counts from the run summary line (<c>Articles read: R, new: N, alerts: A, digests: D</c>).</summary>
    private static (string New, string Alerts, string Digests) Counts(string output)
    {
        string Find(string name) => Regex.Match(output, name + @": (\d+)") is { Success: true } m ? m.Groups[1].Value : "?";
        return (Find("new"), Find("alerts"), Find("digests"));
    }

    /// <summary>Lines <c>  stage NAME SECONDS s</c> of <c>--timings</c>.</summary>
    private static List<(string Stage, double Seconds)> Stages(string output) =>
        StageLine().Matches(output).Select(m => (m.Groups[1].Value, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"^\s*stage\s+(\S+)\s+([\d.]+) s", RegexOptions.Multiline)]
    private static partial Regex StageLine();

    private static bool Knows(string path, string option)
    {
        var help = MeasuredProcess.Run(Path.GetFullPath(path), ["run", "--help"], Directory.GetCurrentDirectory());
        return help.Output.Contains(option, StringComparison.Ordinal);
    }

    private static string FreshFolder(string work, string name)
    {
        var folder = Path.Combine(work, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// The bytes of a folder's files, each rounded up to <paramref name="page"/>. With 4 KB pages: about what writing the
    /// files once adds to <c>write_bytes</c> (page-cache pages dirtied), so the outbox's share can be told from the store's.
    /// </summary>
    private static long FolderBytes(string folder, long page = 1) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => (f.Length + page - 1) / page * page) : 0;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record Build(string Name, string Path, bool KnowsTimings, bool KnowsAllSources);

    private sealed record Measured(ProcessCost Cost, long StateBytes, ProcessCost? Baseline)
    {
        /// <summary>What the run's outbox files (digests, watchlist feeds) account for of the bytes written.</summary>
        public long OutboxBytes { get; init; }

        public string Describe(int articles)
        {
            var cost = string.Create(CultureInfo.InvariantCulture,
                $"{Cost.Wall.TotalSeconds:0.00} s wall, {Cost.Cpu.TotalSeconds:0.0} s CPU, {Cost.WrittenBytes / 1024.0 / articles:0.0} KB written/article (outbox {OutboxBytes / 1024.0 / articles:0.0}), peak {Cost.PeakRssBytes / 1048576.0:0} MB");
            return Baseline is null ? cost : cost + string.Create(CultureInfo.InvariantCulture, $"; one-item config {Baseline.Wall.TotalSeconds:0.00} s");
        }
    }

    private sealed record Options(int Articles, int Watchlists, int Runs, int ItemsPerFeed, bool Noop, bool Keep, string? Work, List<(string Name, string Path)> Builds)
    {
        public static Options Parse(string[] args)
        {
            var (articles, watchlists, runs, perFeed, noop, keep, work) = (20_000, 10, 3, FeedWorkload.ItemsPerFeed, false, false, (string?)null);
            var builds = new List<(string, string)>();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--articles": articles = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--watchlists": watchlists = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--items-per-feed": perFeed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--noop": noop = true; break;
                    case "--keep": keep = true; break;
                    case "--work": work = Next(); break;
                    case "--cli":
                        var value = Next();
                        var cut = value.IndexOf('=', StringComparison.Ordinal);
                        builds.Add(cut > 0 ? (value[..cut], value[(cut + 1)..]) : ($"cli{builds.Count + 1}", value));
                        break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            if (builds.Count == 0)
            {
                builds.Add(("current", Path.Combine("src", "NewsAlerts.Cli", "bin", "Release", "net10.0", "newsalerts.dll")));
            }

            return new Options(articles, watchlists, runs, perFeed, noop, keep, work, builds);
        }
    }
}
