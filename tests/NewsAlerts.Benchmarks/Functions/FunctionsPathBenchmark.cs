using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsAlerts.Benchmarks.EndToEnd;
using NewsAlerts.Benchmarks.Matching;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Functions;
using NewsAlerts.Functions.Tests.EndToEnd;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Benchmarks.Functions;

/// <summary>
/// <c>functions</c>: the Functions app's path on Azurite, with emulated instances (the function classes run by
/// <see cref="QueueHostEmulator"/>, <c>batchSize</c> messages of a queue at once per instance, as host.json sets).
/// <code>
/// dotnet run -c Release --project tests/NewsAlerts.Benchmarks -- functions [--articles 1000] [--watchlists 1000] [--feeds 20] [--instances 1,2,4] [--hours 2]
/// </code>
/// Throughput: every article present in the feeds, one tick of the ingest timer, the queues run dry (IngestSource,
/// ProcessArticle), one tick of the digest timer, the queues run dry (SendDigest): articles per second of wall time.
/// Latency: items appear in the feeds at random moments over <c>--hours</c> of fake time; both timers tick at their
/// configured schedule (the defaults of <c>infra/main.bicep</c>) on the fake clock, which also moves on by the real
/// time each tick's work takes; for every (subscriber, article) delivered, the time from the item's appearance to
/// the digest's send, by schedule (half the subscribers are <c>instant</c>, half <c>hourly</c>).
/// </summary>
internal static partial class FunctionsPathBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var timers = TimerSchedule.FromTemplate();
        await using var azurite = await AzuriteServer.StartAsync();
        var workload = new NewsWorkload();
        var articles = FeedWorkload.Generate(workload, options.Articles);
        var queries = workload.Config(options.Watchlists, WatchlistMix.Specific).Watchlists.Select(w => w.Query).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Articles} articles in {options.Feeds} feeds, {options.Watchlists} watchlists, {queries.Count / FeedWorkload.WatchlistsPerSubscriber} subscribers; timers every {timers.Ingest.TotalMinutes:0} min (ingest) and {timers.Digest.TotalMinutes:0} min (digests); load {LoadAverage()}"));

        Console.WriteLine();
        Console.WriteLine("| instances | wall s | articles/s | ingest + process s | digests s | alerts delivered | digests sent |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var count in options.Instances)
        {
            Console.WriteLine(await ThroughputAsync(azurite.ConnectionString, articles, queries, options.Feeds, count));
        }

        Console.WriteLine();
        Console.WriteLine($"Latency, item in feed to digest sent, {options.Hours:0.#} h of items (fake clock); load {LoadAverage()}");
        Console.WriteLine("| instances | schedule | deliveries | p50 min | p95 min | max min | matched, never delivered |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var count in options.Instances)
        {
            foreach (var line in await LatencyAsync(azurite.ConnectionString, articles, queries, options, timers, count))
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }

    private static async Task<string> ThroughputAsync(string connectionString, List<Article> articles, List<string> queries, int feeds, int instances)
    {
        var sent = new SentDigests();
        await using var app = await StartAsync(connectionString, queries, feeds, instances, _ => "instant", sent);
        var perFeed = (articles.Count + feeds - 1) / feeds;
        for (var feed = 0; feed < feeds; feed++)
        {
            var items = Enumerable.Range(feed * perFeed, Math.Max(0, Math.Min(perFeed, articles.Count - (feed * perFeed))))
                .Select(i => new FeedItem(i, articles[i], app.Time.GetUtcNow() - TimeSpan.FromMinutes(1)));
            app.Feeds[FeedName(feed)] = FeedWorkload.Rss(FeedId(feed), items);
        }

        var clock = Stopwatch.StartNew();
        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await RunUntilIdleAsync(app);
        var ingested = clock.Elapsed;
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await RunUntilIdleAsync(app);
        var wall = clock.Elapsed;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {instances} | {wall.TotalSeconds:0.0} | {articles.Count / wall.TotalSeconds:0.0} | {ingested.TotalSeconds:0.0} | {(wall - ingested).TotalSeconds:0.0} | {sent.Deliveries.Count} | {sent.Digests} |");
    }

    private static async Task<List<string>> LatencyAsync(string connectionString, List<Article> articles, List<string> queries, Options options, TimerSchedule timers, int instances)
    {
        var sent = new SentDigests();
        static string Schedule(int subscriber) => subscriber % 2 == 0 ? "instant" : "hourly";
        await using var app = await StartAsync(connectionString, queries, options.Feeds, instances, Schedule, sent);
        var start = app.Time.GetUtcNow();
        var random = new Random(17);
        var appears = articles.Select(_ => start + TimeSpan.FromSeconds(random.NextDouble() * options.Hours * 3600)).ToList();
        var appearedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Count; i++)
        {
            appearedAt[ArticleId.From(FeedId(i % options.Feeds), FeedWorkload.ItemGuid(FeedId(i % options.Feeds), i))] = appears[i];
        }

        var end = start + TimeSpan.FromHours(options.Hours + 2); // two more hours for the last items' hourly digests
        var (nextIngest, nextDigest) = (start, start);
        while (nextIngest <= end || nextDigest <= end)
        {
            var tick = nextIngest < nextDigest ? nextIngest : nextDigest;
            if (app.Time.GetUtcNow() < tick)
            {
                app.Time.SetUtcNow(tick);
            }

            var now = app.Time.GetUtcNow();
            PublishFeeds(app, articles, appears, options.Feeds, now);
            sent.StartTick(now);
            var work = Stopwatch.StartNew();
            if (nextIngest == tick)
            {
                await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
                nextIngest += timers.Ingest;
            }

            if (nextDigest == tick)
            {
                await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
                nextDigest += timers.Digest;
            }

            await RunUntilIdleAsync(app);
            app.Time.Advance(work.Elapsed); // the work took real time: later ticks fire after it
        }

        var lines = new List<string>();
        foreach (var schedule in new[] { "instant", "hourly" })
        {
            var delays = sent.Deliveries.Where(d => Schedule(int.Parse(d.Subscriber[1..], CultureInfo.InvariantCulture)) == schedule)
                .Select(d => (d.SentAt - appearedAt[d.ArticleId]).TotalMinutes).Order().ToList();
            var pending = await UndeliveredAsync(app, queries.Count / FeedWorkload.WatchlistsPerSubscriber, schedule, Schedule);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {instances} | {schedule} | {delays.Count} | {Percentile(delays, 0.50):0.0} | {Percentile(delays, 0.95):0.0} | {(delays.Count == 0 ? 0 : delays[^1]):0.0} | {pending} |"));
        }

        return lines;
    }

    /// <summary>Alerts still pending for subscribers on <paramref name="schedule"/> once the run is over (0 expected).</summary>
    private static async Task<int> UndeliveredAsync(FunctionsApp app, int subscribers, string schedule, Func<int, string> scheduleOf)
    {
        var alerts = app.Services.GetRequiredService<Core.Alerts.IAlertStore>();
        var pending = 0;
        for (var s = 0; s < subscribers; s++)
        {
            if (scheduleOf(s) == schedule)
            {
                pending += (await alerts.GetPendingAsync($"s{s}", CancellationToken.None)).Count;
            }
        }

        return pending;
    }

    /// <summary>Every feed shows the items that have appeared by <paramref name="now"/>.</summary>
    private static void PublishFeeds(FunctionsApp app, List<Article> articles, List<DateTimeOffset> appears, int feeds, DateTimeOffset now)
    {
        for (var feed = 0; feed < feeds; feed++)
        {
            var items = Enumerable.Range(0, articles.Count).Where(i => i % feeds == feed && appears[i] <= now).Select(i => new FeedItem(i, articles[i], appears[i]));
            app.Feeds[FeedName(feed)] = FeedWorkload.Rss(FeedId(feed), items);
        }
    }

    private static async Task<FunctionsApp> StartAsync(string connectionString, List<string> queries, int feeds, int instances, Func<int, string> schedule, SentDigests sent)
    {
        var configFile = Path.GetTempFileName();
        var app = await FunctionsApp.StartAsync(connectionString, null, feedUrl =>
        {
            FeedWorkload.WriteConfig(configFile, [.. Enumerable.Range(0, feeds).Select(FeedId)], queries, id => feedUrl(id + ".xml").ToString(), schedule);
            var config = JsonNode.Parse(File.ReadAllText(configFile))!.AsObject();
            File.Delete(configFile);
            return config;
        });
        for (var i = 0; i < instances; i++)
        {
            await app.AddInstanceAsync(
                services => services.Replace(ServiceDescriptor.Singleton<IDeliveryLedger>(sp => new RecordingLedger(ActivatorUtilities.CreateInstance<TableDeliveryLedger>(sp), sent))),
                QueueHostEmulator.BatchSize);
        }

        return app;
    }

    /// <summary>Runs every instance's queue host at once until a round in which none of them ran anything.</summary>
    private static async Task RunUntilIdleAsync(FunctionsApp app)
    {
        while ((await Task.WhenAll(app.Instances.Select(i => i.Queues.RunUntilIdleAsync()))).Sum() > 0)
        {
        }

        foreach (var instance in app.Instances.Where(i => i.Queues.Failures.Count > 0))
        {
            throw new InvalidOperationException($"A function failed: {instance.Queues.Failures[0].Error}");
        }
    }

    private static string FeedId(int feed) => string.Create(CultureInfo.InvariantCulture, $"feed-{feed:D4}");

    private static string FeedName(int feed) => FeedId(feed) + ".xml";

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>What was delivered: (subscriber, article) pairs with the time of the send on the fake clock plus the tick's real work so far.</summary>
    private sealed class SentDigests
    {
        private readonly Stopwatch _sinceTick = new();
        private DateTimeOffset _tick;
        private int _digests;

        public ConcurrentBag<(string Subscriber, string ArticleId, DateTimeOffset SentAt)> Deliveries { get; } = [];

        public int Digests => Volatile.Read(ref _digests);

        public void StartTick(DateTimeOffset tick)
        {
            _tick = tick;
            _sinceTick.Restart();
        }

        public void Record(DeliveryRecord sent)
        {
            var at = _tick + _sinceTick.Elapsed;
            Interlocked.Increment(ref _digests);
            foreach (var article in sent.ArticleIds)
            {
                Deliveries.Add((sent.SubscriberId, article, at));
            }
        }
    }

    /// <summary>The instance's ledger, telling <see cref="SentDigests"/> of every record it moves to Sent.</summary>
    private sealed class RecordingLedger(IDeliveryLedger inner, SentDigests sent) : IDeliveryLedger
    {
        public Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken) => inner.GetOrAddAsync(initial, cancellationToken);

        public Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken) => inner.GetAsync(subscriberId, digestId, cancellationToken);

        public Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken) => inner.GetOpenAsync(subscriberId, cancellationToken);

        public async Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken)
        {
            var updated = await inner.TryUpdateAsync(record, cancellationToken);
            if (updated is { State: DeliveryState.Sent })
            {
                sent.Record(updated);
            }

            return updated;
        }
    }

    /// <summary>The timers' periods, from the CRON defaults of <c>infra/main.bicep</c> (<c>0 */N * * * *</c>: every N minutes).</summary>
    private sealed partial record TimerSchedule(TimeSpan Ingest, TimeSpan Digest)
    {
        public static TimerSchedule FromTemplate()
        {
            var template = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
            TimeSpan Every(string parameter) =>
                CronParameter().Matches(template).FirstOrDefault(m => m.Groups[1].Value == parameter) is { } match
                    ? TimeSpan.FromMinutes(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
                    : throw new InvalidOperationException($"infra/main.bicep has no '0 */N * * * *' default for {parameter}");
            return new TimerSchedule(Every("ingestSchedule"), Every("digestSchedule"));
        }

        [GeneratedRegex(@"param (\w+) string = '0 \*/(\d+) \* \* \* \*'")]
        private static partial Regex CronParameter();
    }

    private sealed record Options(int Articles, int Watchlists, int Feeds, IReadOnlyList<int> Instances, double Hours)
    {
        public static Options Parse(string[] args)
        {
            var (articles, watchlists, feeds, instances, hours) = (1000, 1000, 20, (IReadOnlyList<int>)[1, 2, 4], 2.0);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--articles": articles = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--watchlists": watchlists = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--feeds": feeds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--instances": instances = [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]; break;
                    case "--hours": hours = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            return new Options(articles, watchlists, feeds, instances, hours);
        }
    }
}
