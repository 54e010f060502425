using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

public sealed class FeedParseCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string SampleFeed => Path.Combine(RepoPaths.Seeds, "sample-feed.xml");

    [Fact]
    public async Task FeedParse_File_PrintsTheFeedAndEveryItem()
    {
        var run = await CliRun.InvokeAsync("feed", "parse", SampleFeed);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Sample World News (RSS 2.0)", run.Output, StringComparison.Ordinal);
        Assert.Contains("7 item(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"title:     {SeedArticle.Title}", run.Output, StringComparison.Ordinal);
        Assert.Contains("id:        4c9df461499d11da", run.Output, StringComparison.Ordinal);
        Assert.Contains("published: 2023-10-27 09:15:00Z", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    /// <summary>A fresh process, as a user runs it: the legacy code pages must be there from the first feed on.</summary>
    [Theory]
    [InlineData("rss20-encoding-big5.xml", "台灣新聞：颱風逼近東部海岸")]
    [InlineData("rss20-encoding-koi8-r.xml", "Новости: шторм закрыл гавань")]
    public async Task FeedParse_NonUtf8FeedInAFreshProcess_ReadsItsTitle(string file, string title)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "NewsAlerts.Core.Tests", "Ingestion", "Corpus", "files", file);

        var run = await CliProcess.RunAsync(_folder.Path, null, "feed", "parse", path);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"{title} (RSS 2.0)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"title:     {title}", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("encoding", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedParse_Json_GivesTheSameFieldsAsJson()
    {
        var run = await CliRun.InvokeAsync("feed", "parse", SampleFeed, "--json");

        using var json = JsonDocument.Parse(run.Output);
        var first = json.RootElement.GetProperty("items")[0];
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Sample World News", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(SeedArticle.Title, first.GetProperty("title").GetString());
        Assert.Equal("https://news.example.org/world/2023/10/27/israel-demands-expulsion-of-hamas-representatives-from-russia", first.GetProperty("link").GetString());
    }

    [Fact]
    public async Task FeedParse_MalformedButReadable_Exits0_AndListsTheWarnings()
    {
        var path = _folder.Write("broken.xml", "<rss><channel><title>Tom & Jerry</title><item><title>One</title></item><item><title>Two</ti");

        var run = await CliRun.InvokeAsync("feed", "parse", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("title:     One", run.Output, StringComparison.Ordinal);
        Assert.Contains("warning: malformed XML at line 1", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: 1 bare ampersand", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>Not a feed</body></html>", "nothing could be parsed: not a feed: no <rss>, <rdf:RDF> or <feed> root element")]
    [InlineData("", "nothing could be parsed: empty document")]
    public async Task FeedParse_NothingReadable_Exits2_WithOneLine(string content, string message)
    {
        var path = _folder.Write("page.xml", content);

        var run = await CliRun.InvokeAsync("feed", "parse", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}: {message}", run.Error.Trim());
    }

    [Fact]
    public async Task FeedParse_MissingFile_Exits2_WithOneLine()
    {
        var run = await CliRun.InvokeAsync("feed", "parse", "no/such/feed.xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: no/such/feed.xml: not an http(s) URL and no such file", run.Error.Trim());
    }

    [Fact]
    public async Task FeedParse_Url_FetchesOverHttp_AndRefusesPrivateAddressesUnlessAllowed()
    {
        await using var server = await LocalHttpServer.StartAsync(app =>
            app.MapGet("/feed.xml", () => Results.File(SampleFeed, "application/rss+xml")));
        var url = server.Url("feed.xml").AbsoluteUri;

        var refused = await CliRun.InvokeAsync("feed", "parse", url);
        var allowed = await CliRun.InvokeAsync("feed", "parse", url, "--allow-private-network");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not a public address", refused.Error, StringComparison.Ordinal);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("7 item(s)", allowed.Output, StringComparison.Ordinal);
    }
}
