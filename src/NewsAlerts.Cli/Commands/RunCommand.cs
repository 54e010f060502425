using System.CommandLine;
using System.Globalization;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.Outbox;

namespace NewsAlerts.Cli.Commands;

/// <summary><c>newsalerts run</c>: read feeds, match watchlists, deliver digests; once, or on a schedule.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var outbox = CommonOptions.Outbox();
        var once = new Option<bool>("--once") { Description = "Run the pipeline one time and exit" };
        var every = new Option<TimeSpan>("--every")
        {
            Description = "Without --once: time between runs (hh:mm:ss)",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(15),
        };
        var timings = new Option<bool>("--timings") { Description = "Print the time each pipeline stage was busy" };
        var command = new Command("run", "Read every source, match watchlists and deliver due digests")
        {
            config, state, outbox, once, every, timings,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(() =>
        {
            var paths = new CliPaths(result.GetValue(config)!, result.GetValue(state)!, result.GetValue(outbox)!);
            return CliHost.WithStateAsync(paths.StatePath, () => RunAsync(console, paths, result.GetValue(once), result.GetValue(every), result.GetValue(timings), cancellationToken));
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, CliPaths paths, bool once, TimeSpan every, bool timings, CancellationToken cancellationToken)
    {
        // Validate before the host exists, so bad input leaves no state or outbox behind.
        ConfigLoader.Load(paths.ConfigPath);
        using var host = CliHost.Build(paths);
        await host.PrepareStateAsync(cancellationToken);
        var runner = host.Get<PipelineRunner>();
        var feeds = host.Get<OutboxFeedWriter>();
        var progress = new ConsoleProgress(console.Out);
        await PrintAsync(console, await runner.RunOnceAsync(progress, cancellationToken), await feeds.WriteAllAsync(cancellationToken), timings);
        if (once)
        {
            return CliConsole.Success;
        }

        using var timer = new PeriodicTimer(every, host.Get<TimeProvider>());
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await PrintAsync(console, await runner.RunOnceAsync(progress, cancellationToken), await feeds.WriteAllAsync(cancellationToken), timings);
        }

        return CliConsole.Success;
    }

    /// <param name="feeds">The watchlist feed files this run changed.</param>
    private static async Task PrintAsync(CliConsole console, RunSummary summary, IReadOnlyList<string> feeds, bool timings)
    {
        var output = console.Out;
        await output.WriteLineAsync($"Articles read: {summary.ArticlesRead}, new: {summary.NewArticles}, alerts: {summary.Alerts}, digests: {summary.Digests.Count}");
        foreach (var receipt in summary.Digests)
        {
            await output.WriteLineAsync($"  digest for {receipt.SubscriberId}: {string.Join(", ", receipt.Locations)}");
        }

        foreach (var feed in feeds)
        {
            await output.WriteLineAsync($"  feed {Path.GetFileNameWithoutExtension(feed)}: {feed}");
        }

        foreach (var warning in summary.Warnings)
        {
            await console.Error.WriteLineAsync($"warning: {warning}");
        }

        if (timings)
        {
            await output.WriteLineAsync("Busy time per stage (stages running side by side each count their own):");
            foreach (var stage in summary.Stages)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  stage {stage.Stage,-16} {stage.Busy.TotalSeconds,8:0.000} s"));
            }
        }
    }

    /// <summary>Writes progress lines as they come, in order, unlike <see cref="Progress{T}"/> which posts them.</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine(value);
    }
}
