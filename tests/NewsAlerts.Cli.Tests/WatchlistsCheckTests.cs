namespace NewsAlerts.Cli.Tests;

public sealed class WatchlistsCheckTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Check_SeedConfig_PassesItsExamples()
    {
        var run = await CliRun.InvokeAsync("watchlists", "check", "--config", _workspace.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("3 watchlists, 2 examples: all passed", run.Output.Trim());
    }

    [Fact]
    public async Task Check_FailingExamples_PrintsEachWithItsExplanation_AndExitsOne()
    {
        var config = _workspace.Write("check.json", """
            {
              "sources": [ { "id": "feed", "url": "sample-feed.xml" } ],
              "watchlists": [
                {
                  "id": "gas", "name": "Gas", "query": "gas (Russia OR Norway) -coal",
                  "examples": { "mustMatch": [ "Gas from Russia", "Gas from Qatar" ], "mustNotMatch": [ "Norway gas and coal", "Norwegian gas deal" ] }
                }
              ]
            }
            """);

        var run = await CliRun.InvokeAsync("watchlists", "check", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL gas mustMatch[1] \"Gas from Qatar\": did not match", run.Output, StringComparison.Ordinal);
        Assert.Contains("     [no] Russia OR Norway", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL gas mustNotMatch[1] \"Norwegian gas deal\": matched", run.Output, StringComparison.Ordinal);
        Assert.Contains("     Norway at title 0+9", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("mustMatch[0]", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 watchlists, 4 examples: 2 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BadQueries_AreAllListed_WithCaret_AndExitOne()
    {
        var config = _workspace.Write("check.json", """
            {
              "sources": [ { "id": "feed", "url": "sample-feed.xml" } ],
              "watchlists": [
                { "id": "a", "name": "A", "query": "gas NEAR/x oil" },
                { "id": "b", "name": "B", "query": "title:(gas" }
              ]
            }
            """);

        var run = await CliRun.InvokeAsync("watchlists", "check", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("check.json:4: watchlists[0].query: watchlist 'a': 'NEAR/x' needs a number", run.Error, StringComparison.Ordinal);
        Assert.Contains("check.json:5: watchlists[1].query: watchlist 'b': missing ')'", run.Error, StringComparison.Ordinal);
        Assert.Contains($"    title:(gas{Environment.NewLine}          ^", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingConfig_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("watchlists", "check", "--config", _workspace.Config + ".missing");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("config file not found", run.Error, StringComparison.Ordinal);
    }
}
