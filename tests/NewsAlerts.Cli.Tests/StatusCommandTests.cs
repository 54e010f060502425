using System.Text.Json;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Sqlite;

namespace NewsAlerts.Cli.Tests;

/// <summary><c>newsalerts status</c> on the local SQLite state: healthy, then with a failing source and a stuck digest.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string[] StatusArgs(string config, params string[] more) => ["status", "--config", config, "--state", _workspace.State, .. more];

    /// <summary>The seed config plus a source whose file is not a feed: every read of it fails.</summary>
    private string ConfigWithBrokenSource()
    {
        _workspace.Write("broken.xml", "<html><body>moved to a new address</body></html>");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(_workspace.Config))!;
        config["sources"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["id"] = "broken", ["url"] = "broken.xml" });
        return _workspace.Write("with-broken.json", config.ToJsonString());
    }

    /// <summary>What a sender killed mid-send leaves behind: a digest in Sending, last touched two hours ago.</summary>
    private async Task<string> LeaveAStuckDigestAsync()
    {
        var ledger = new SqliteDeliveryLedger(new SqliteDatabase(Options.Create(new NewsAlertsOptions { StatePath = _workspace.State })));
        var twoHoursAgo = TimeProvider.System.GetUtcNow().AddHours(-2);
        var record = await ledger.GetOrAddAsync(
            new DeliveryRecord { DigestId = "0123456789abcdef0123", SubscriberId = "sam", Period = "hourly:2026-12-01T09:00Z", CreatedAt = twoHoursAgo, UpdatedAt = twoHoursAgo },
            CancellationToken.None);
        await ledger.TryUpdateAsync(record with { State = DeliveryState.Sending, Attempts = 1, ArticleIds = ["a1"] }, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return record.DigestId;
    }

    [Fact]
    public async Task Status_AfterAGoodRun_ShowsEverySourceAndSubscriber_AllGood_ExitZero()
    {
        await CliRun.InvokeAsync(_workspace.RunArgs());

        var status = await CliRun.InvokeAsync(StatusArgs(_workspace.Config));

        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"(?m)^  sample-world\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+0\s+7\s+\d{4}-", status.Output);
        Assert.Matches(@"(?m)^  sam\s+daily 08:00\s+0\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+\d{4}-\d{2}-\d{2} 08:00", status.Output);
        Assert.Contains("7 articles, 2 alerts, 1 digest(s)", status.Output, StringComparison.Ordinal);
        Assert.EndsWith("All good.", status.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_FailingSourceAndStuckDigest_NamesBoth_ExitThree()
    {
        var config = ConfigWithBrokenSource();
        var run = await CliRun.InvokeAsync(_workspace.RunArgs(config));
        var digestId = await LeaveAStuckDigestAsync();

        var status = await CliRun.InvokeAsync(StatusArgs(config));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(3, status.ExitCode);
        Assert.Matches(@"(?m)^  broken\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+never\s+1\s+-", status.Output);
        Assert.Contains("      last error: nothing could be parsed: not a feed", status.Output, StringComparison.Ordinal);
        Assert.Contains($"  stuck   digest {digestId} for sam (hourly:2026-12-01T09:00Z), sending since ", status.Output, StringComparison.Ordinal);
        Assert.Contains("  - source broken is failing (1 failure(s) in a row): nothing could be parsed", status.Output, StringComparison.Ordinal);
        Assert.Contains($"  - digest {digestId} for sam is stuck: handed to the sender 2 h ago and not finished (the sending lease is 15 min)", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_FailingSourceAndStuckDigest_CarriesTheSameFacts()
    {
        var config = ConfigWithBrokenSource();
        await CliRun.InvokeAsync(_workspace.RunArgs(config));
        var digestId = await LeaveAStuckDigestAsync();

        var status = await CliRun.InvokeAsync(StatusArgs(config, "--json"));

        using var json = JsonDocument.Parse(status.Output);
        var root = json.RootElement;
        var broken = root.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "broken");
        var stuck = Assert.Single(root.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(3, status.ExitCode);
        Assert.True(root.GetProperty("needsAttention").GetBoolean());
        Assert.Equal(1, broken.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("lastSuccessAt").ValueKind);
        Assert.Equal((digestId, "stuck", "sending"), (stuck.GetProperty("digestId").GetString(), stuck.GetProperty("problem").GetString(), stuck.GetProperty("state").GetString()));
        Assert.Equal(2, root.GetProperty("attention").GetArrayLength());
        Assert.Equal(7, root.GetProperty("state").GetProperty("articles").GetInt32());
    }

    [Fact]
    public async Task Status_OfAStateFolderThatNeverRan_SaysEveryoneIsDueNow()
    {
        var status = await CliRun.InvokeAsync(StatusArgs(_workspace.Config));

        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"(?m)^  sample-world\s+never\s+never\s+0\s+-\s+now", status.Output);
    }
}
