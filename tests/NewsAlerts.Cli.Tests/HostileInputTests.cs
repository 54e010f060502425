using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// The hostile inputs of issue 11 against the whole <c>newsalerts run --once</c>: each hostile source is a warning naming
/// it while the seed source's match still reaches Sam; bad ids, an empty key and an emptied database stop the run with
/// one line naming the file, before anything is sent.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs, /dev/zero and file modes
public sealed class HostileInputTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>The seed config with one more source.</summary>
    private string ConfigWith(JsonObject source)
    {
        var config = JsonNode.Parse(File.ReadAllText(_workspace.Config))!.AsObject();
        config["sources"]!.AsArray().Add(source);
        return _workspace.Write("hostile.json", config.ToJsonString());
    }

    /// <param name="sourceFailed">The source could not be read at all: the run says so and exits 3 (finished, with failures).</param>
    private async Task AssertWarnedAndSeedDeliveredAsync(CliRun run, string warning, bool sourceFailed = false)
    {
        Assert.True(run.ExitCode == (sourceFailed ? 3 : 0), run.Error);
        var prefix = sourceFailed ? "warning: source hostile failed: " : "warning: hostile: ";
        Assert.Contains(run.Error.Split('\n'), line => line.StartsWith(prefix, StringComparison.Ordinal) && line.Contains(warning, StringComparison.Ordinal));
        var html = Assert.Single(Directory.GetFiles(_workspace.Outbox, "*-sam-*.html"));
        Assert.Contains(SeedArticle.Title, await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectToFileUrl_IsThatSourcesWarning_TheSeedStoryIsDelivered()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/feed", () => Results.Redirect("file:///etc/passwd")));

        var run = await CliRun.InvokeAsync(_workspace.RunArgs(ConfigWith(new JsonObject { ["id"] = "hostile", ["url"] = server.Url("feed").ToString(), ["allowPrivateNetwork"] = true })));

        await AssertWarnedAndSeedDeliveredAsync(run, "redirect to file:///etc/passwd refused: only http and https are followed", sourceFailed: true);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://ftp.example.com/story")]
    public async Task FullTextLinkNotHttp_IsThatSourcesWarning_TheSeedStoryIsDelivered(string link)
    {
        _workspace.Write("fulltext.xml", $"""<rss version="2.0"><channel><title>F</title><item><guid>f-1</guid><title>Short</title><link>{link}</link><description>Summary.</description></item></channel></rss>""");

        var run = await CliRun.InvokeAsync(_workspace.RunArgs(ConfigWith(new JsonObject { ["id"] = "hostile", ["url"] = "fulltext.xml", ["fullText"] = true })));

        await AssertWarnedAndSeedDeliveredAsync(run, "summary kept: ");
    }

    [Fact]
    public async Task TwoHundredThousandNestedElements_IsThatSourcesWarning_TheSeedStoryIsDelivered()
    {
        var nested = string.Concat(Enumerable.Repeat("<div>", 200_000)) + string.Concat(Enumerable.Repeat("</div>", 200_000));
        _workspace.Write("deep.xml", $"""<rss version="2.0"><channel><title>D</title><item><guid>d-1</guid><title>Deep</title><description>{nested}</description></item></channel></rss>""");

        var run = await CliRun.InvokeAsync(_workspace.RunArgs(ConfigWith(new JsonObject { ["id"] = "hostile", ["url"] = "deep.xml" })));

        await AssertWarnedAndSeedDeliveredAsync(run, "item 1 ('Deep') skipped: its elements nest deeper than 100 levels");
    }

    [Theory]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    public async Task FifoOrDevice_IsRefusedByConfigValidation_ByName(string url, string problem)
    {
        if (url == "fifo")
        {
            url = Path.GetFileName(_workspace.MakeFifo("feed.fifo"));
        }

        var run = await CliRun.InvokeAsync(_workspace.RunArgs(ConfigWith(new JsonObject { ["id"] = "hostile", ["url"] = url })));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"hostile.json:1: sources[1].url: feed file '{url}' {problem}", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_workspace.State));
    }

    [Fact]
    public async Task SubscriberIdWithDotDotSlash_IsRefusedWithFileLineAndField_AndNothingIsWritten()
    {
        var config = File.ReadAllText(_workspace.Config).Replace("\"id\": \"sam\"", "\"id\": \"../../x\"", StringComparison.Ordinal);
        var line = config.Split('\n').ToList().FindIndex(l => l.Contains("../../x", StringComparison.Ordinal)) + 1;

        var run = await CliRun.InvokeAsync(_workspace.RunArgs(_workspace.Write("dotdot.json", config)));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"dotdot.json:{line}: subscribers[0].id: id '../../x' may hold only letters, digits", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_workspace.Outbox));
        Assert.False(Directory.Exists(Path.GetFullPath(Path.Combine(_workspace.Outbox, "../../x"))));
    }

    [Fact]
    public async Task EmptyUnsubscribeKey_StopsTheRunWithOneLineSayingHowToRecover_BeforeAnythingIsSent()
    {
        Assert.Equal(0, (await CliRun.InvokeAsync(_workspace.RunArgs())).ExitCode);
        var key = Path.Combine(_workspace.State, "unsubscribe.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        await File.WriteAllTextAsync(key, "");
        var feed = Path.Combine(Path.GetDirectoryName(_workspace.Config)!, "sample-feed.xml");
        await File.WriteAllTextAsync(feed, (await File.ReadAllTextAsync(feed)).Replace("</channel>", "<item><guid>new-1</guid><title>Tsunami warning issued</title></item></channel>", StringComparison.Ordinal));

        var run = await CliRun.InvokeAsync(_workspace.RunArgs());
        var unsubscribe = await CliRun.InvokeAsync("unsubscribe", "eyJ4IjoxfQ.c2ln", "--config", _workspace.Config, "--state", _workspace.State);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: the unsubscribe key {key} is empty: if the state folder was copied or restored, put its unsubscribe.key back; otherwise delete the file and a new key is made (unsubscribe links in digests already sent stop working), or set NewsAlerts:Unsubscribe:Secret", run.Error.Trim());
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
        Assert.Equal(1, unsubscribe.ExitCode);
        Assert.StartsWith($"error: the unsubscribe key {key} is empty", unsubscribe.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseEmptiedInAUsedStateFolder_IsAnErrorNamingTheFile_NothingIsSentAgain()
    {
        Assert.Equal(0, (await CliRun.InvokeAsync(_workspace.RunArgs())).ExitCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = Path.Combine(_workspace.State, "newsalerts.db");
        await File.WriteAllBytesAsync(database, []);
        File.Delete(database + "-wal");

        var run = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {database} is empty, but the state folder {_workspace.State} was used before", line, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
        Assert.Equal(0, new FileInfo(database).Length);
    }

    [Fact]
    public async Task StateFolderThatCannotBeCreated_IsOneLineNamingIt()
    {
        var notAFolder = _workspace.Write("state-is-a-file", "x");

        var run = await CliRun.InvokeAsync("run", "--once", "--config", _workspace.Config, "--state", notAFolder, "--outbox", _workspace.Outbox);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: the state folder {notAFolder} cannot be created (", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
