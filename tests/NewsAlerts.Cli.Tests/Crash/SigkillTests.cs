using Xunit.Abstractions;

namespace NewsAlerts.Cli.Tests.Crash;

/// <summary>
/// The real <c>newsalerts</c> process killed with SIGKILL at varied points while its feeds grow, then run cleanly:
/// nothing lost, nothing sent twice, nothing half written. About half a minute; <c>tests/crash-loop.sh</c> runs the
/// same loop longer (NEWSALERTS_KILL_LOOP_RUNS, NEWSALERTS_KILL_LOOP_SEED).
/// </summary>
public sealed class SigkillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunOnceKilledAtVariedPoints_ThenRunCleanly_DeliversEveryMatchToEachFollowerExactlyOnce()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("NEWSALERTS_KILL_LOOP_RUNS"), out var r) ? r : 12;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("NEWSALERTS_KILL_LOOP_SEED"), out var s) ? s : 20261125;
        using var loop = new KillLoop(runs, seed, output.WriteLine);

        var report = await loop.RunAsync();

        output.WriteLine($"KILL LOOP (seed {seed}): {report}");
        Assert.True(report.Kills >= runs / 2, $"only {report.Kills} of {runs} runs were killed before they finished: {report}");
        Assert.True(report.ExpectedDeliveries > 0, report.ToString());
        Assert.Equal((0, 0, 0, 0), (report.Lost, report.Duplicated, report.Unexpected, report.LeftoverFiles));
        Assert.Contains("new: 0, alerts: 0, digests: 0", report.LastCleanRun, StringComparison.Ordinal);
    }
}
