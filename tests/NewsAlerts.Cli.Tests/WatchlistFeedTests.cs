using System.Xml.Linq;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Ingestion.Parsing;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary><c>run</c> writes each watchlist's Atom feed to the outbox; <c>watchlists feed-url</c> prints its link.</summary>
public sealed class WatchlistFeedTests : IDisposable
{
    private static readonly XNamespace Atom = AtomFeed.Namespace;

    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string FeedFile(string watchlist) => Path.Combine(_workspace.Outbox, "feeds", watchlist + ".atom");

    [Fact]
    public async Task RunOnce_WritesTheFeedOfEachWatchlistWithAMatch_WithTheSeedMatch_ParsedAsAtom()
    {
        var run = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"  feed hamas-russia: {FeedFile("hamas-russia")}", run.Output, StringComparison.Ordinal);
        // tsunami has no match in the seed feed: its file comes with its first match (or from feed-url).
        Assert.Equal(["eu-climate.atom", "hamas-russia.atom"], Directory.GetFiles(Path.Combine(_workspace.Outbox, "feeds")).Select(Path.GetFileName).Order());
        var bytes = await File.ReadAllBytesAsync(FeedFile("hamas-russia"));
        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(Atom + "feed", document.Root!.Name);
        var entry = Assert.Single(document.Root.Elements(Atom + "entry"));
        Assert.Equal(SeedArticle.Title, entry.Element(Atom + "title")!.Value);
        var parsed = FeedParser.Parse(bytes);
        Assert.Equal(("Atom 1.0", 1), (parsed.Format, parsed.Items.Count));
        Assert.Empty(Directory.GetFiles(Path.Combine(_workspace.Outbox, "feeds"), "*.partial"));
    }

    [Fact]
    public async Task RunOnce_Twice_LeavesTheFeedFilesAsTheyWere()
    {
        await CliRun.InvokeAsync(_workspace.RunArgs());
        var before = await File.ReadAllBytesAsync(FeedFile("hamas-russia"));
        var written = File.GetLastWriteTimeUtc(FeedFile("hamas-russia"));

        var second = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.DoesNotContain("  feed ", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(FeedFile("hamas-russia")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(FeedFile("hamas-russia")));
    }

    [Fact]
    public async Task FeedUrl_WithAPublicAddress_PrintsTheSignedLink_AndEveryWatchlistsWithoutAnArgument()
    {
        // Its own process: the public address comes from an environment variable, as in a deployment's shell.
        var environment = new Dictionary<string, string?> { ["NewsAlerts__PublicBaseUrl"] = "https://alerts.example.com" };
        string[] paths = ["--config", _workspace.Config, "--state", _workspace.State];
        var one = await CliProcess.RunAsync(Path.GetDirectoryName(_workspace.Config)!, environment, ["watchlists", "feed-url", "hamas-russia", .. paths]);
        var all = await CliProcess.RunAsync(Path.GetDirectoryName(_workspace.Config)!, environment, ["watchlists", "feed-url", .. paths]);

        Assert.Equal(0, one.ExitCode);
        var link = new Uri(one.Output.Trim());
        Assert.Equal("https://alerts.example.com/api/feeds/hamas-russia.atom", link.GetLeftPart(UriPartial.Path));
        Assert.Matches("^token=[A-Za-z0-9_-]{22}$", link.Query.TrimStart('?'));
        Assert.Contains($"hamas-russia  {link.AbsoluteUri}", all.Output, StringComparison.Ordinal);
        Assert.Equal(3, all.Output.Trim().Split('\n').Length);
        Assert.Equal("", one.Error);
    }

    [Fact]
    public async Task FeedUrl_OnACliOnlyInstall_PrintsTheFeedFileRunWrites()
    {
        var run = await CliRun.InvokeAsync("watchlists", "feed-url", "hamas-russia", "--config", _workspace.Config, "--state", _workspace.State, "--outbox", _workspace.Outbox);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new Uri(FeedFile("hamas-russia")).AbsoluteUri, run.Output.Trim());
        Assert.Contains("no public address (NewsAlerts:PublicBaseUrl) serves feeds", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedUrl_OnACliOnlyInstall_WatchlistWithoutAMatch_GetsItsEmptyFeedFileNow_AndRunKeepsIt()
    {
        await CliRun.InvokeAsync(_workspace.RunArgs());
        Assert.False(File.Exists(FeedFile("tsunami")));

        var url = await CliRun.InvokeAsync("watchlists", "feed-url", "tsunami", "--config", _workspace.Config, "--state", _workspace.State, "--outbox", _workspace.Outbox);
        var again = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(0, url.ExitCode);
        Assert.Equal(new Uri(FeedFile("tsunami")).AbsoluteUri, url.Output.Trim());
        var parsed = FeedParser.Parse(await File.ReadAllBytesAsync(FeedFile("tsunami")));
        Assert.Equal(("Atom 1.0", 0), (parsed.Format, parsed.Items.Count));
        Assert.Equal(0, again.ExitCode);
        Assert.True(File.Exists(FeedFile("tsunami")));
        Assert.DoesNotContain("  feed ", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedUrl_UnknownWatchlist_IsBadInputNamingTheKnownOnes()
    {
        var run = await CliRun.InvokeAsync("watchlists", "feed-url", "nope", "--config", _workspace.Config, "--state", _workspace.State);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no watchlist 'nope' (there are: hamas-russia, eu-climate, tsunami)", run.Error, StringComparison.Ordinal);
    }
}
