namespace NewsAlerts.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_DocumentsEveryCommandAndTheRunOptions()
    {
        var root = await CliRun.InvokeAsync("--help");
        var run = await CliRun.InvokeAsync("run", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("run", root.Output, StringComparison.Ordinal);
        foreach (var option in new[] { "--once", "--config", "--state", "--outbox", "--every" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }
}
