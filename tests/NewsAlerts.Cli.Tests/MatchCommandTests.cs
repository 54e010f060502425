using System.Text.Json;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

public sealed class MatchCommandTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Match_SeedArticle_PrintsOneLinePerMatch()
    {
        var run = await CliRun.InvokeAsync("match", "--config", _workspace.Config, RepoPaths.SeedArticle);

        Assert.Equal(0, run.ExitCode);
        var fields = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        Assert.Equal(RepoPaths.SeedArticle, fields[0]);
        Assert.Equal("hamas-russia", fields[1]);
        Assert.True(double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("Hamas, delegation, Russia", fields[3]);
    }

    [Fact]
    public async Task Match_FeedFile_ReportsEachItemById()
    {
        var run = await CliRun.InvokeAsync("match", "--config", _workspace.Config, Path.Combine(RepoPaths.Seeds, "sample-feed.xml"));

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0] + " " + l.Split('\t')[1]);
        Assert.Equal(["4c9df461499d11da hamas-russia", "sample-eu-climate-2040 eu-climate"], lines);
    }

    [Fact]
    public async Task Match_Folder_IsReadRecursively_AndJsonHasHighlights()
    {
        _workspace.Write("articles/deep/one.txt", "\n\nEU climate target agreed\nMinisters agreed the 2040 target.");
        _workspace.Write("articles/two.txt", "Nothing to see\nhere.");
        var folder = Path.Combine(Path.GetDirectoryName(_workspace.Config)!, "articles");

        var run = await CliRun.InvokeAsync("match", "--config", _workspace.Config, folder, "--json");

        Assert.Equal(0, run.ExitCode);
        using var line = JsonDocument.Parse(Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var root = line.RootElement;
        Assert.EndsWith("one.txt", root.GetProperty("article").GetString(), StringComparison.Ordinal);
        Assert.Equal("eu-climate", root.GetProperty("watchlist").GetString());
        Assert.True(root.GetProperty("score").GetDouble() > 0);
        var texts = root.GetProperty("highlights").EnumerateArray().Select(h => h.GetProperty("text").GetString()).ToList();
        Assert.Equal(["EU", "climate", "target", "target"], texts);
    }

    private const string AtomFeed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Coast news</title><id>urn:coast</id>
        <entry><id>urn:coast:1</id><title>Tsunami warning for the coast</title><summary>A tsunami warning was issued.</summary></entry>
        <entry><id>urn:coast:2</id><title>Harbour reopens</title><summary>Boats are back.</summary></entry>
        </feed>
        """;

    private const string JsonFeed = """
        { "version": "https://jsonfeed.org/version/1.1", "title": "EU news",
          "items": [ { "id": "eu-1", "title": "EU climate target agreed", "content_text": "Ministers agreed the 2040 climate target." } ] }
        """;

    [Fact]
    public async Task Match_AtomFile_IsReadAsAFeed_OneLinePerMatchingEntry()
    {
        var atom = _workspace.Write("coast.atom", AtomFeed);

        var run = await CliRun.InvokeAsync("match", "--config", _workspace.Config, atom);

        Assert.Equal(0, run.ExitCode);
        var fields = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        Assert.Equal(("urn:coast:1", "tsunami"), (fields[0], fields[1]));
    }

    [Fact]
    public async Task Match_Folder_ReadsAtomAndJsonFeedsByContent_AndSkipsOtherFiles()
    {
        _workspace.Write("inbox/coast.atom", AtomFeed);
        _workspace.Write("inbox/eu.json", JsonFeed);
        _workspace.Write("inbox/feed-without-extension", AtomFeed.Replace("urn:coast:1", "urn:bare:1", StringComparison.Ordinal));
        _workspace.Write("inbox/notes.md", "Tsunami warning\nnot an article: only .txt files and feeds are read from folders");
        var folder = Path.Combine(_workspace.Folder, "inbox");

        var run = await CliRun.InvokeAsync("match", "--config", _workspace.Config, folder);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0] + " " + l.Split('\t')[1]);
        Assert.Equal(["urn:coast:1 tsunami", "eu-1 eu-climate", "urn:bare:1 tsunami"], lines);
    }

    [Fact]
    public async Task Match_MissingPath_ExitsTwoWithOneLine()
    {
        var run = await CliRun.InvokeAsync("match", "--config", _workspace.Config, "no-such-file.txt");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: 'no-such-file.txt' is not a file or folder", run.Error.Trim());
    }
}
