using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests.Crash;

/// <summary>What a kill loop did and found.</summary>
/// <param name="Kills">Runs killed with SIGKILL before they finished.</param>
/// <param name="ExpectedDeliveries">(follower, matching article) pairs the feeds held by the end.</param>
/// <param name="Lost">Expected pairs no digest or urgent email carried.</param>
/// <param name="Duplicated">Extra copies: pairs carried by more than one email.</param>
/// <param name="Unexpected">Pairs delivered that no watchlist of the follower matches.</param>
/// <param name="LeftoverFiles">Outbox files that are not a whole digest: <c>.partial</c>, an <c>.html</c> or <c>.eml</c> alone.</param>
public sealed record KillLoopReport(
    int Runs, int Kills, int Items, int ExpectedDeliveries, int Lost, int Duplicated, int Unexpected, int LeftoverFiles, string LastCleanRun)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"runs {Runs}, killed {Kills}, items {Items}, expected deliveries {ExpectedDeliveries}, lost {Lost}, duplicated {Duplicated}, unexpected {Unexpected}, leftover files {LeftoverFiles}");
}

/// <summary>
/// The crash loop of issue 11: five feed files grow while <c>newsalerts run --once</c> (the real CLI, a separate
/// process) is started again and again and killed with SIGKILL at varied points; then it runs cleanly twice, and the
/// outbox is checked against the feeds: every matching article reached each follower exactly once, no file is half
/// written. Kill points vary by time (a random moment after start) and by stage (right after a source was read,
/// after ingestion, while matching and sending), picked from a seeded random sequence so a failure can be replayed.
/// </summary>
public sealed partial class KillLoop : IDisposable
{
    /// <summary>Word a watchlist looks for, and who follows it; charlie is urgent (its own email at once).</summary>
    private static readonly (string Keyword, string[] Followers)[] Watchlists =
    [
        ("alpha", ["ann", "ben"]),
        ("bravo", ["ben", "cat"]),
        ("charlie", ["cat"]),
    ];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "du", "ga", "he", "ju", "xo", "fe", "zi"];

    private readonly TempFolder _folder = new();
    private readonly Random _random;
    private readonly int _runs;
    private readonly Action<string> _log;
    private readonly List<(string Marker, string? Keyword)>[] _feeds = [.. Enumerable.Range(0, 5).Select(_ => new List<(string, string?)>())];
    private readonly Lock _feedLock = new();

    public KillLoop(int runs, int seed, Action<string> log)
    {
        _runs = runs;
        _random = new Random(seed);
        _log = log;
        for (var feed = 0; feed < _feeds.Length; feed++)
        {
            AddItem(feed, _random);
        }

        WriteConfig();
    }

    private string Outbox => _folder.File("outbox");

    public void Dispose()
    {
        _folder.Dispose();
    }

    public async Task<KillLoopReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var growing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var growth = GrowAsync(growing.Token);
        var kills = 0;
        for (var run = 0; run < _runs; run++)
        {
            AddItem(_random.Next(_feeds.Length), _random);
            var point = KillPoint.Pick(_random);
            var outcome = await RunCliAsync(point, cancellationToken);
            kills += outcome.Killed ? 1 : 0;
            _log($"run {run + 1}: {point} -> {(outcome.Killed ? "killed" : $"finished, exit {outcome.ExitCode}")}");
        }

        await growing.CancelAsync();
        await growth;

        // Clean runs: after the sending lease (1 s here), digests the kills left sending are the stopped jobs'.
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var clean = await RunCliAsync(KillPoint.Never, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var last = await RunCliAsync(KillPoint.Never, cancellationToken);
        _log($"clean run: exit {clean.ExitCode}: {clean.Output.Trim()} {clean.Error.Trim()}");
        _log($"second clean run: exit {last.ExitCode}: {last.Output.Trim()} {last.Error.Trim()}");
        if (clean.ExitCode != 0 || last.ExitCode != 0)
        {
            throw new InvalidOperationException($"a clean run failed: {clean.Error} {last.Error}");
        }

        return Account(kills, last.Output);
    }

    /// <summary>Compares what the outbox holds with what the feeds held.</summary>
    private KillLoopReport Account(int kills, string lastOutput)
    {
        var expected = new HashSet<(string Follower, string Marker)>();
        var items = 0;
        foreach (var feed in _feeds)
        {
            foreach (var (marker, keyword) in feed)
            {
                items++;
                foreach (var (_, followers) in Watchlists.Where(w => w.Keyword == keyword))
                {
                    expected.UnionWith(followers.Select(f => (f, marker)));
                }
            }
        }

        var delivered = new Dictionary<(string Follower, string Marker), int>();
        foreach (var html in Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, "*.html") : [])
        {
            var follower = Path.GetFileName(html).Split('-')[2];
            foreach (var marker in Marker().Matches(File.ReadAllText(html)).Select(m => m.Value).Distinct())
            {
                delivered[(follower, marker)] = delivered.GetValueOrDefault((follower, marker)) + 1;
            }
        }

        var files = Directory.Exists(Outbox) ? Directory.GetFiles(Outbox) : [];
        var leftovers = files.Count(f => f.EndsWith(".partial", StringComparison.Ordinal))
            + files.Count(f => f.EndsWith(".html", StringComparison.Ordinal) && !File.Exists(Path.ChangeExtension(f, ".eml")))
            + files.Count(f => f.EndsWith(".eml", StringComparison.Ordinal) && !File.Exists(Path.ChangeExtension(f, ".html")));
        return new KillLoopReport(
            _runs,
            kills,
            items,
            expected.Count,
            expected.Count(e => !delivered.ContainsKey(e)),
            delivered.Where(d => expected.Contains(d.Key)).Sum(d => d.Value - 1),
            delivered.Keys.Count(d => !expected.Contains(d)),
            leftovers,
            lastOutput.Trim());
    }

    /// <summary>Adds items to random feeds every few hundred milliseconds, also while a run reads them.</summary>
    private async Task GrowAsync(CancellationToken cancellationToken)
    {
        var random = new Random(_random.Next());
        try
        {
            while (true)
            {
                await Task.Delay(random.Next(150, 600), cancellationToken);
                AddItem(random.Next(_feeds.Length), random);
            }
        }
        catch (OperationCanceledException)
        {
            // The loop is over.
        }
    }

    /// <summary>Appends an item and rewrites the feed whole (temp file, then rename): a reader sees the old or the new feed.</summary>
    private void AddItem(int feed, Random random)
    {
        lock (_feedLock)
        {
            var items = _feeds[feed];
            var marker = $"s{feed}n{items.Count}";
            var roll = random.Next(100);
            var keyword = roll < 35 ? "alpha" : roll < 65 ? "bravo" : roll < 75 ? "charlie" : null;
            items.Add((marker, keyword));
            var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed ")
                .Append(feed).Append("</title><link>https://feed").Append(feed).Append(".example/</link>");
            for (var i = 0; i < items.Count; i++)
            {
                var (m, k) = items[i];
                var words = new Random((feed * 100_003) + i);
                xml.Append("<item><guid isPermaLink=\"false\">").Append(m).Append("-guid</guid><title>")
                    .Append(k is null ? "Notice" : char.ToUpperInvariant(k[0]) + k[1..]).Append(' ').Append(m).Append(' ').Append(Words(words, 4))
                    .Append("</title><link>https://feed").Append(feed).Append(".example/story/").Append(i).Append("</link><description>")
                    .Append(Words(words, 30)).Append("</description></item>");
            }

            xml.Append("</channel></rss>");
            var path = _folder.File($"feed{feed}.xml");
            File.WriteAllText(path + ".tmp", xml.ToString());
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }

    /// <summary>Made-up words, so no two items look alike to de-duplication and none contains a watchlist's word.</summary>
    private static string Words(Random random, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ =>
        string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)]))));

    private void WriteConfig()
    {
        var config = new
        {
            sources = Enumerable.Range(0, _feeds.Length).Select(i => new { id = $"feed{i}", url = $"feed{i}.xml", pollInterval = "00:00:01" }),
            watchlists = Watchlists.Select(w => new { id = w.Keyword, name = $"Watch {w.Keyword}", query = w.Keyword, urgent = w.Keyword == "charlie" }),
            subscribers = Watchlists.SelectMany(w => w.Followers).Distinct().Select(f => new
            {
                id = f,
                email = $"{f}@example.com",
                schedule = "instant",
                maxItems = 1000,
                watchlists = Watchlists.Where(w => w.Followers.Contains(f)).Select(w => w.Keyword),
            }),
        };
        File.WriteAllText(_folder.File("newsalerts.json"), JsonSerializer.Serialize(config));
    }

    private async Task<CliOutcome> RunCliAsync(KillPoint point, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CliPath, "run", "--once", "--config", "newsalerts.json", "--state", "state", "--outbox", "outbox" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NewsAlerts__Delivery__SendingLease"] = "00:00:01";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (point.Line is { } line && e.Data.StartsWith(line, StringComparison.Ordinal))
            {
                reached.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(cancellationToken);
        var killed = false;
        if (point != KillPoint.Never)
        {
            var trigger = point.Line is null ? Task.CompletedTask : reached.Task;
            if (await Task.WhenAny(trigger, exited) == trigger)
            {
                await Task.WhenAny(Task.Delay(point.After, cancellationToken), exited);
                if (!process.HasExited)
                {
                    process.Kill(); // SIGKILL on Unix: no handler runs, nothing is flushed
                    killed = true;
                }
            }
        }

        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(2), cancellationToken)) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"newsalerts run --once did not finish within 2 minutes: {output}");
        }

        await exited;
        lock (output)
        {
            lock (error)
            {
                return new CliOutcome(killed, killed ? -9 : process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    /// <summary>The CLI built with these tests, or another build's <c>newsalerts.dll</c> (to compare) from <c>NEWSALERTS_KILL_LOOP_CLI</c>.</summary>
    private static string CliPath =>
        Environment.GetEnvironmentVariable("NEWSALERTS_KILL_LOOP_CLI") is { Length: > 0 } other ? other : Path.Combine(AppContext.BaseDirectory, "newsalerts.dll");

    /// <summary>The <c>dotnet</c> that runs these tests, so the CLI runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    [GeneratedRegex(@"\bs\dn\d+\b")]
    private static partial Regex Marker();

    private sealed record CliOutcome(bool Killed, int ExitCode, string Output, string Error);

    /// <summary>When to kill: <see cref="After"/> past the start, or past the first output line starting with <see cref="Line"/>.</summary>
    private sealed record KillPoint(string? Line, TimeSpan After)
    {
        public static readonly KillPoint Never = new(null, TimeSpan.MaxValue);

        public static KillPoint Pick(Random random) => random.Next(4) switch
        {
            0 => new KillPoint(null, TimeSpan.FromMilliseconds(random.Next(100, 2500))), // any moment: start-up, migration, ingest...
            1 => new KillPoint("  feed", TimeSpan.FromMilliseconds(random.Next(0, 30))), // ingesting: some sources stored, others not
            2 => new KillPoint("Read ", TimeSpan.FromMilliseconds(random.Next(0, 60))), // matching new articles
            _ => new KillPoint("Read ", TimeSpan.FromMilliseconds(random.Next(60, 400))), // urgent alerts and digests being written
        };

        public override string ToString() => this == Never
            ? "not killed"
            : Line is null ? $"kill {After.TotalMilliseconds:0} ms after start" : $"kill {After.TotalMilliseconds:0} ms after '{Line.Trim()}'";
    }
}
