using MimeKit;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunOnce_OnSeeds_WritesADigestNamingTheWatchlistAndTheSeedTitle()
    {
        var run = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Articles read: 7, new: 7, alerts: 2, digests: 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("  sample-world: 7 items, 7 new", run.Output, StringComparison.Ordinal); // progress, one line per source
        var eml = Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
        var html = Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.html"));
        Assert.Contains(eml, run.Output, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal("sam@example.com", message.To.Mailboxes.Single().Address);
        Assert.Contains("Hamas delegation Russia", message.Subject, StringComparison.Ordinal);
        Assert.Contains(SeedArticle.Title, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(SeedArticle.Title, message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(SeedArticle.Title, await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_Twice_SecondRunSkipsTheSourceUntilItsPollIntervalAndWritesNoDigest()
    {
        await CliRun.InvokeAsync(_workspace.RunArgs());

        var second = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("  sample-world: not due until ", second.Output, StringComparison.Ordinal);
        Assert.Contains("Articles read: 0, new: 0, alerts: 0, digests: 0", second.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
    }

    [Fact]
    public async Task RunOnce_AllSources_ReadsTheSourceAgainAndFindsNothingNew()
    {
        await CliRun.InvokeAsync(_workspace.RunArgs());

        var second = await CliRun.InvokeAsync([.. _workspace.RunArgs(), "--all-sources"]);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Articles read: 7, new: 0, alerts: 0, digests: 0", second.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
    }

    [Fact]
    public async Task RunOnce_SummaryStartsWithTheLocalTime()
    {
        var run = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Matches(@"(?m)^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}  Articles read: 7, new: 7", run.Output);
    }

    [Fact]
    public async Task RunOnce_NewItemInTheFeed_IsRecordedAndHeldForTheNextSendTime()
    {
        await CliRun.InvokeAsync(_workspace.RunArgs());
        var feed = Path.Combine(Path.GetDirectoryName(_workspace.Config)!, "sample-feed.xml");
        var extra = "<item><title>EU climate target criticised</title><guid>extra-1</guid><description>Critics say the EU climate target is weak.</description></item>";
        await File.WriteAllTextAsync(feed, (await File.ReadAllTextAsync(feed)).Replace("</channel>", extra + "</channel>", StringComparison.Ordinal));

        var second = await CliRun.InvokeAsync([.. _workspace.RunArgs(), "--all-sources"]);

        // The sample subscriber's schedule is "daily 08:00": today's digest went out on the first run.
        Assert.Contains("new: 1, alerts: 1, digests: 0", second.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
    }

    [Fact]
    public async Task RunOnce_ItemOlderThanMaxAge_IsStoredButNotAlerted()
    {
        var now = TimeProvider.System.GetUtcNow();
        static string Item(string guid, string title, DateTimeOffset published) =>
            $"<item><title>{title}</title><guid>{guid}</guid><pubDate>{published:r}</pubDate><description>{title}.</description></item>";
        _workspace.Write("coast.xml", $"<rss version=\"2.0\"><channel><title>Coast</title>"
            + Item("old-1", "Tsunami warning lifted for the islands", now.AddYears(-2))
            + Item("new-1", "Tsunami warning for the north coast", now.AddHours(-1)) + "</channel></rss>");
        var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_workspace.Config))!;
        config["sources"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["id"] = "coast", ["url"] = "coast.xml" }); // default maxAge: 7 days
        var path = _workspace.Write("with-coast.json", config.ToJsonString());

        var run = await CliRun.InvokeAsync(_workspace.RunArgs(path));

        // Both coast items are stored (new: 9 = 7 seed + 2); only the recent one alerts (2 seed alerts + 1, urgent).
        Assert.Contains("Articles read: 9, new: 9, alerts: 3, digests: 2", run.Output, StringComparison.Ordinal);
    }
}
