using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.Core.Configuration;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary><c>newsalerts sources import|export|discover</c>: OPML in and out, and feeds found from a site's address.</summary>
public sealed class SourcesCommandTests : IDisposable
{
    private const string Opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>My feeds</title></head>
          <body>
            <outline text="World">
              <outline type="rss" text="Example World" title="Example World" xmlUrl="https://news.example.org/world.xml" htmlUrl="https://news.example.org/"/>
              <outline type="rss" text="Río &amp; Más" xmlUrl="https://noticias.example.es/rss" category="/spanish"/>
            </outline>
            <outline type="rss" text="Already there" xmlUrl="sample-feed.xml"/>
          </body>
        </opml>
        """;

    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Import_Opml_AddsItsFeedsWithTagsFromFolders_KeepsTheRestOfTheFileAsWritten()
    {
        var before = await File.ReadAllTextAsync(_workspace.Config);
        var opml = _workspace.Write("feeds.opml", Opml);

        var run = await CliRun.InvokeAsync("sources", "import", opml, "--config", _workspace.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Added 2 source(s) from {opml} to {_workspace.Config}: example-world, rio-mas; 1 already there", run.Output.Trim());
        var config = ConfigLoader.Load(_workspace.Config);
        var world = config.FindSource("example-world")!;
        Assert.Equal(("Example World", "https://news.example.org/world.xml"), (world.Name, world.Url));
        Assert.Equal(["World"], world.Tags);
        Assert.Equal(["World", "spanish"], config.FindSource("rio-mas")!.Tags);
        var after = await File.ReadAllTextAsync(_workspace.Config);
        Assert.StartsWith(before[..before.IndexOf("\"maxAge\"", StringComparison.Ordinal)], after, StringComparison.Ordinal);
        Assert.EndsWith(before[before.IndexOf("\"watchlists\"", StringComparison.Ordinal)..], after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Twice_AddsNothingTheSecondTime()
    {
        var opml = _workspace.Write("feeds.opml", Opml);
        await CliRun.InvokeAsync("sources", "import", opml, "--config", _workspace.Config);

        var again = await CliRun.InvokeAsync("sources", "import", opml, "--config", _workspace.Config);

        Assert.Equal(0, again.ExitCode);
        Assert.EndsWith("Added 0 source(s) from " + opml + " to " + _workspace.Config + "; 3 already there", again.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(3, ConfigLoader.Load(_workspace.Config).Sources.Count);
    }

    [Fact]
    public async Task Import_NotOpml_IsOneLineExitTwo_ConfigUntouched()
    {
        var before = await File.ReadAllTextAsync(_workspace.Config);
        var opml = _workspace.Write("feeds.opml", "<opml><body><outline text=\"x\" xmlUrl=\"https://a.example/\"></body></opml>");

        var run = await CliRun.InvokeAsync("sources", "import", opml, "--config", _workspace.Config);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {opml}: line 1: not well-formed XML", run.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_workspace.Config));
    }

    [Fact]
    public async Task Export_WritesOpml2_ThatImportsBackIntoAnEmptyList()
    {
        var run = await CliRun.InvokeAsync("sources", "export", "--config", _workspace.Config);

        Assert.Equal(0, run.ExitCode);
        var opml = XDocument.Parse(run.Output);
        Assert.Equal("2.0", opml.Root!.Attribute("version")!.Value);
        var outline = Assert.Single(opml.Descendants("outline"));
        Assert.Equal(("Sample World News", "sample-feed.xml"), (outline.Attribute("text")!.Value, outline.Attribute("xmlUrl")!.Value));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(run.Output));
        Assert.Equal("sample-feed.xml", Assert.Single(Core.Configuration.Opml.Read(stream)).XmlUrl);
    }

    [Fact]
    public async Task Discover_HtmlPage_FindsTheFeedsItsLinksAnnounce_AndAddsThem()
    {
        await using var site = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content(
                """<html><head><title>Site</title><link rel="alternate" type="application/rss+xml" title="All" href="/news/rss.xml"><link rel="alternate" type="application/atom+xml" href="atom.xml"><link rel="stylesheet" href="/s.css"></head><body></body></html>""",
                "text/html"));
            app.MapGet("/news/rss.xml", () => Results.Text("<rss version=\"2.0\"><channel><title>Site news</title><item><title>One</title></item></channel></rss>", "application/rss+xml"));
            app.MapGet("/atom.xml", () => Results.Text("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Site atom</title></feed>", "application/atom+xml"));
        });

        var run = await CliRun.InvokeAsync("sources", "discover", site.Url("/").AbsoluteUri, "--allow-private-network", "--add", "--config", _workspace.Config);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{site.Url("/news/rss.xml")}\tSite news (RSS 2.0, 1 items; found by a <link rel=\"alternate\"> in the page)", lines[0]);
        Assert.StartsWith($"{site.Url("/atom.xml")}\tSite atom (Atom 1.0, 0 items", lines[1], StringComparison.Ordinal);
        Assert.Equal(site.Url("/news/rss.xml").AbsoluteUri, ConfigLoader.Load(_workspace.Config).FindSource("site-news")!.Url);
    }

    [Fact]
    public async Task Discover_PageWithoutLinks_TriesTheCommonPaths()
    {
        await using var site = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/blog/", () => Results.Content("<html><head><title>Blog</title></head></html>", "text/html"));
            app.MapGet("/feed.xml", () => Results.Text("<rss version=\"2.0\"><channel><title>Blog feed</title></channel></rss>", "text/xml"));
        });

        var run = await CliRun.InvokeAsync("sources", "discover", site.Url("/blog/").AbsoluteUri, "--allow-private-network");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{site.Url("/feed.xml")}\tBlog feed (RSS 2.0, 0 items; found by a common feed path)", run.Output.Trim());
    }

    [Fact]
    public async Task Discover_NoFeedAnywhere_IsOneLineExitTwo()
    {
        await using var site = await LocalHttpServer.StartAsync(app => app.MapGet("/", () => Results.Content("<html></html>", "text/html")));

        var run = await CliRun.InvokeAsync("sources", "discover", site.Url("/").AbsoluteUri, "--allow-private-network");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: no feed found for {site.Url("/")}: its page names none", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_PrivateAddressWithoutTheOption_IsRefused()
    {
        await using var site = await LocalHttpServer.StartAsync(app => app.MapGet("/", () => Results.Content("<html></html>", "text/html")));

        var run = await CliRun.InvokeAsync("sources", "discover", site.Url("/").AbsoluteUri);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a public address", run.Error, StringComparison.Ordinal);
    }
}
