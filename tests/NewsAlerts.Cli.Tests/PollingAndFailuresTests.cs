using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// A feed on a local Kestrel server: <c>pollInterval</c> decides whether a run fetches it, and a failing source is one
/// line on standard error with exit code 3 (as the real program prints it, retries and all).
/// </summary>
public sealed class PollingAndFailuresTests : IDisposable
{
    private const string Feed = """
        <rss version="2.0"><channel><title>Local</title>
        <item><title>Tsunami warning for the coast</title><guid>local-1</guid><description>A tsunami warning.</description></item>
        </channel></rss>
        """;

    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task PollInterval_SecondRunWithinIt_DoesNotFetchTheSource_AllSourcesDoes()
    {
        var requests = 0;
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed.xml", () =>
        {
            Interlocked.Increment(ref requests);
            return Results.Text(Feed, "application/rss+xml");
        }));
        var config = _workspace.ConfigWithSource(server.Url("feed.xml"), pollInterval: "06:00:00");

        await CliRun.InvokeAsync(_workspace.RunArgs(config));
        var second = await CliRun.InvokeAsync(_workspace.RunArgs(config));
        var afterSecond = requests;
        await CliRun.InvokeAsync([.. _workspace.RunArgs(config), "--all-sources"]);

        Assert.Equal(1, afterSecond);
        Assert.Contains("  local: not due until ", second.Output, StringComparison.Ordinal);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task FailingSource_IsOneLineWithItsAttemptsAndNextPoll_NoStackTrace_ExitThree()
    {
        var requests = 0;
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed.xml", () =>
        {
            Interlocked.Increment(ref requests);
            return Results.StatusCode(503);
        }));
        var config = _workspace.ConfigWithSource(server.Url("feed.xml"));
        var environment = new Dictionary<string, string?> { ["NewsAlerts__Fetch__RetryDelay"] = "00:00:00.050" };

        var run = await CliProcess.RunAsync(_workspace.Folder, environment, _workspace.RunArgs(config));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(3, requests);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var failure = Assert.Single(lines, l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Matches(@"^warning: source local failed: http://127\.0\.0\.1:\d+/feed\.xml: HTTP 503 Service Unavailable \(3 attempts\); 1 failure\(s\) in a row, next poll after ", failure);
        Assert.Equal("error: this run finished with failures (exit code 3): source local", lines[^1]);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Articles read: 7, new: 7, alerts: 2, digests: 1", run.Output, StringComparison.Ordinal); // the other source still delivered
    }

    [Fact]
    public async Task FailingSource_Verbose_ShowsTheStackTrace()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed.xml", () => Results.StatusCode(404)));
        var config = _workspace.ConfigWithSource(server.Url("feed.xml"));

        var run = await CliRun.InvokeAsync([.. _workspace.RunArgs(config), "--verbose"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("FeedFetchException", run.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingDelivery_IsNamed_ExitThree()
    {
        var environment = new Dictionary<string, string?>
        {
            ["NewsAlerts__Delivery__Provider"] = "Smtp",
            ["NewsAlerts__Delivery__Smtp__Host"] = "127.0.0.1",
            ["NewsAlerts__Delivery__Smtp__Port"] = "9", // nothing listens: the connection is refused
            ["NewsAlerts__Delivery__MaxAttempts"] = "1",
        };

        var run = await CliProcess.RunAsync(_workspace.Folder, environment, _workspace.RunArgs());

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"error: this run finished with failures \(exit code 3\): digest [0-9a-f]{20} for sam", run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
