using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// <c>run --every</c> as a long-running process: interval forms, a config edit picked up or refused without stopping,
/// a timestamp on every summary, and SIGINT / SIGTERM that let the run finish and exit 0.
/// </summary>
public sealed partial class RunEveryTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string[] EveryArgs(string interval) =>
        ["run", "--every", interval, "--config", _workspace.Config, "--state", _workspace.State, "--outbox", _workspace.Outbox];

    [Theory]
    [InlineData("0s", "error: --every '0s' must be more than zero")]
    [InlineData("00:00:00", "error: --every '00:00:00' must be more than zero")]
    [InlineData("-15m", "error: --every '-15m' must be more than zero")]
    [InlineData("15 minutes", "error: --every '15 minutes' is not a duration: use 30s, 15m, 1h, 7d, 1h30m or hh:mm:ss")]
    public async Task Every_ZeroNegativeOrUnreadable_IsOneLineAndExitTwo(string interval, string expected)
    {
        var run = await CliRun.InvokeAsync(EveryArgs(interval));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
        Assert.False(Directory.Exists(_workspace.State));
    }

    [Fact]
    public async Task Every_BadConfigEdit_IsAWarningAndTheLoopGoesOnWithTheLastGoodConfig_SigintExitsZero()
    {
        using var cli = CliProcess.Start(_workspace.Folder, null, EveryArgs("1s"));
        await cli.WaitForAsync("Articles read:", Patience);

        var good = await File.ReadAllTextAsync(_workspace.Config);
        await File.WriteAllTextAsync(_workspace.Config, good.Replace("\"timeZone\"", "\"timezone\"", StringComparison.Ordinal));
        await cli.WaitForAsync("warning: config ", Patience);
        await cli.WaitForAsync("Articles read:", Patience, count: 3);
        await cli.SignalAsync("INT");
        var run = await cli.WaitForExitAsync(Patience);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("unknown field 'timezone' (did you mean 'timeZone'?)", run.Error, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(run.Error, "warning: config ")); // once per edit, not once per run
        Assert.Contains("SIGINT received: stopping once the current run is finished", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        var summaries = run.Output.Split('\n').Where(l => l.Contains("Articles read:", StringComparison.Ordinal)).ToList();
        Assert.True(summaries.Count >= 3);
        Assert.All(summaries, line => Assert.Matches(Stamped(), line));
    }

    [Fact]
    public async Task Every_GoodConfigEdit_IsUsedByTheNextRun()
    {
        using var cli = CliProcess.Start(_workspace.Folder, null, EveryArgs("1s"));
        await cli.WaitForAsync("Articles read: 7", Patience);

        var config = await File.ReadAllTextAsync(_workspace.Config);
        await File.WriteAllTextAsync(_workspace.Config, config.Replace("\"id\": \"sample-world\"", "\"id\": \"renamed-world\"", StringComparison.Ordinal));
        await cli.WaitForAsync("  renamed-world: 7 items", Patience);
        await cli.SignalAsync("TERM");
        var run = await cli.WaitForExitAsync(Patience);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Every_15m_SigtermWhileWaiting_ExitsZeroAtOnce()
    {
        using var cli = CliProcess.Start(_workspace.Folder, null, EveryArgs("15m"));
        await cli.WaitForAsync("Articles read: 7, new: 7", Patience);

        await cli.SignalAsync("TERM");
        var run = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("SIGTERM received", run.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
    }

    [Theory]
    [InlineData("TERM", "--once")]
    [InlineData("INT", "--every")]
    public async Task SignalWhileASourceIsBeingRead_TheRunFinishesThenExitsZero(string signal, string mode)
    {
        var requested = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed.xml", async () =>
        {
            requested.TrySetResult();
            await release.Task; // held until the signal has been sent
            return Results.Text("<rss version=\"2.0\"><channel><title>Local</title><item><title>Held story</title><guid>held-1</guid></item></channel></rss>", "application/rss+xml");
        }));
        var config = _workspace.ConfigWithSource(server.Url("feed.xml"));
        string[] args = mode == "--once" ? ["run", "--once", "--config", config, "--state", _workspace.State, "--outbox", _workspace.Outbox] : [.. EveryArgs("1h")[..3], "--config", config, "--state", _workspace.State, "--outbox", _workspace.Outbox];
        using var cli = CliProcess.Start(_workspace.Folder, null, args);
        await requested.Task.WaitAsync(Patience);

        await cli.SignalAsync(signal);
        await cli.WaitForAsync($"SIG{signal} received", Patience);
        release.SetResult();
        var run = await cli.WaitForExitAsync(Patience);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  local: 1 items, 1 new", run.Output, StringComparison.Ordinal);
        Assert.Contains("Articles read: 8, new: 8, alerts: 2, digests: 1", run.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}  Articles read: \d+")]
    private static partial Regex Stamped();
}
