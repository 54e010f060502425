namespace NewsAlerts.Cli.Tests;

/// <summary>Bad input: one clear line naming the problem and where, exit code 2, and nothing written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<CliRun> RunWithConfigAsync(string? configText)
    {
        var path = configText is null ? _workspace.Config + ".missing" : _workspace.Write("bad.json", configText);
        return await CliRun.InvokeAsync(_workspace.RunArgs(path));
    }

    private static string ValidConfig() => File.ReadAllText(Path.Combine(TestSupport.RepoPaths.Seeds, "newsalerts.json"));

    public static TheoryData<string, string?, string> Cases() => new()
    {
        { "missing config file", null, "newsalerts.json.missing: config file not found" },
        { "unreadable JSON", ValidConfig().Replace("\"sources\": [", "\"sources\" [", StringComparison.Ordinal), "bad.json:3: " },
        { "unknown watchlist", ValidConfig().Replace("\"eu-climate\", \"tsunami\"]", "\"eu-climat\", \"tsunami\"]", StringComparison.Ordinal), "bad.json:37: subscribers[0].watchlists[1]: subscriber 'sam' names unknown watchlist 'eu-climat'" },
        { "empty query", ValidConfig().Replace("\"query\": \"EU climate target\"", "\"query\": \"\"", StringComparison.Ordinal), "bad.json:20: watchlists[1].query: watchlist 'eu-climate' has an empty query" },
        { "missing source file", ValidConfig().Replace("sample-feed.xml", "no-such-feed.xml", StringComparison.Ordinal), "bad.json:7: sources[0].url: feed file 'no-such-feed.xml' does not exist" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_BadInput_PrintsOneLineExitsTwoAndWritesNothing(string problem, string? configText, string expected)
    {
        var run = await RunWithConfigAsync(configText);

        Assert.True(run.ExitCode == 2, $"{problem}: exit code {run.ExitCode}");
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_workspace.State), "state folder was created");
        Assert.False(Directory.Exists(_workspace.Outbox), "outbox folder was created");
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsTwoWithoutAStackTrace()
    {
        var run = await CliRun.InvokeAsync("run", "--onse");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--onse", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
