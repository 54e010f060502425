using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.Outbox;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts run</c>: read the sources that are due, match watchlists, deliver due digests; once, or every
/// <c>--every</c> until SIGINT or SIGTERM, which let the current run finish and exit 0.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var outbox = CommonOptions.Outbox();
        var once = new Option<bool>("--once") { Description = "Run the pipeline one time and exit" };
        var allSources = new Option<bool>("--all-sources") { Description = "Read every enabled source now, even those whose pollInterval has not passed" };
        var every = new Option<TimeSpan>("--every")
        {
            Description = $"Without --once: time from the start of one run to the next ({Durations.Forms}); default 15m",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(15),
            CustomParser = ParseInterval,
        };
        var timings = new Option<bool>("--timings") { Description = "Print the time each pipeline stage was busy" };
        var command = new Command("run", "Read the sources that are due, match watchlists and deliver due digests")
        {
            config, state, outbox, once, allSources, every, timings,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(() =>
        {
            var overrides = CommonOptions.Overrides(result, config, state, outbox);
            var loop = new Loop(result.GetValue(once), result.GetValue(every), result.GetValue(allSources), result.GetValue(timings));
            return RunAsync(console, overrides, loop, cancellationToken);
        }));
        return command;
    }

    private sealed record Loop(bool Once, TimeSpan Every, bool AllSources, bool Timings);

    private static TimeSpan ParseInterval(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!Durations.TryParse(text, out var interval))
        {
            result.AddError($"--every '{text}' is not a duration: use {Durations.Forms}");
        }
        else if (interval <= TimeSpan.Zero)
        {
            result.AddError($"--every '{text}' must be more than zero");
        }

        return interval;
    }

    private static async Task<int> RunAsync(CliConsole console, Dictionary<string, string?> overrides, Loop loop, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(console, overrides);
        var settings = host.Get<IOptions<NewsAlertsOptions>>().Value;

        // Validate before anything runs, so bad input leaves no state or outbox behind. The provider keeps what it read:
        // the run works from this one reading, compiled once.
        await host.Get<IConfigProvider>().GetAsync(cancellationToken);
        return await CliHost.WithStateAsync(settings.StatePath, () => RunLoopAsync(console, host, loop, cancellationToken));
    }

    private static async Task<int> RunLoopAsync(CliConsole console, IHost host, Loop loop, CancellationToken cancellationToken)
    {
        await host.PrepareStateAsync(cancellationToken);
        var runner = host.Get<PipelineRunner>();
        var feeds = host.Get<OutboxFeedWriter>();
        var time = host.Get<TimeProvider>();
        var timings = host.Get<StageTimings>();
        var progress = new ConsoleProgress(console.Out);
        using var stop = StopSignals.Listen(console, cancellationToken);
        while (true)
        {
            var started = time.GetTimestamp();
            var summary = await runner.RunOnceAsync(progress, stop.Abort, loop.AllSources);
            IReadOnlyList<string> written;
            using (timings.Measure("feeds"))
            {
                written = await feeds.WriteAllAsync(stop.Abort);
            }

            Print(console, summary with { Stages = timings.Snapshot() }, written, time.GetLocalNow(), loop.Timings);
            var exitCode = summary.Failures.Count > 0 ? CliConsole.PartlyFailed : CliConsole.Success;
            if (loop.Once)
            {
                return exitCode;
            }

            if (!await stop.WaitAsync(loop.Every - time.GetElapsedTime(started), time))
            {
                return CliConsole.Success;
            }
        }
    }

    /// <param name="feeds">The watchlist feed files this run changed.</param>
    private static void Print(CliConsole console, RunSummary summary, IReadOnlyList<string> feeds, DateTimeOffset localNow, bool timings)
    {
        var output = console.Out;
        var stamp = localNow.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        output.WriteLine($"{stamp}  Articles read: {summary.ArticlesRead}, new: {summary.NewArticles}, alerts: {summary.Alerts}, digests: {summary.Digests.Count}");
        foreach (var receipt in summary.Digests)
        {
            output.WriteLine($"  digest for {receipt.SubscriberId}: {string.Join(", ", receipt.Locations)}");
        }

        foreach (var feed in feeds)
        {
            output.WriteLine($"  feed {Path.GetFileNameWithoutExtension(feed)}: {feed}");
        }

        if (timings)
        {
            output.WriteLine("Busy time per stage (stages running side by side each count their own):");
            foreach (var stage in summary.Stages)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stage {stage.Stage,-16} {stage.Busy.TotalSeconds,8:0.000} s"));
            }
        }

        output.Flush();
        foreach (var warning in summary.Warnings)
        {
            console.WriteErrorLine($"warning: {warning}");
        }

        if (summary.Failures.Count > 0)
        {
            // Each failure was logged as it happened, with its reason; this line names them all for the exit code.
            console.WriteErrorLine($"error: this run finished with failures (exit code 3): {string.Join(", ", summary.Failures.Select(f => f.What))}");
        }
    }

    /// <summary>Writes progress lines as they come, in order, unlike <see cref="Progress{T}"/> which posts them.</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value)
        {
            output.WriteLine(value);
            output.Flush();
        }
    }
}
