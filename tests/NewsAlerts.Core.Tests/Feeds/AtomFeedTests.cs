using System.Xml.Linq;
using NewsAlerts.Core.Feeds;
using NewsAlerts.Core.Ingestion.Parsing;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Core.Tests.Feeds;

public sealed class AtomFeedTests
{
    private static readonly XNamespace Atom = AtomFeed.Namespace;

    private readonly FeedTestBed _bed = new();

    [Fact]
    public async Task SeedMatch_IsOneWellFormedAtomEntryWithTitleLinkPublishedSourceAndWhy()
    {
        await _bed.RecordSeedAsync();

        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString((await _bed.Feeds.RenderAsync("hamas-russia", null, CancellationToken.None))!));

        Assert.Equal(Atom + "feed", document.Root!.Name);
        Assert.Equal("Hamas delegation Russia · NewsAlerts", document.Root.Element(Atom + "title")!.Value);
        Assert.Equal("NewsAlerts", document.Root.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var entry = Assert.Single(document.Root.Elements(Atom + "entry"));
        Assert.Equal(SeedArticle.Title, entry.Element(Atom + "title")!.Value);
        Assert.Equal(SeedDigest.Link.AbsoluteUri, entry.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("2023-10-27T09:15:00Z", entry.Element(Atom + "published")!.Value);
        Assert.Equal("Sample World News", entry.Element(Atom + "source")!.Element(Atom + "title")!.Value);
        Assert.StartsWith("urn:uuid:", entry.Element(Atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Contains("Matched: Hamas, delegation, Russia in the title and text", entry.Element(Atom + "content")!.Value, StringComparison.Ordinal);
        Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
    }

    [Fact]
    public async Task Feed_ReadBackByTheProjectsOwnParser_GivesTheEntry()
    {
        await _bed.RecordSeedAsync();
        var body = (await _bed.Feeds.RenderAsync("hamas-russia", null, CancellationToken.None))!;

        var parsed = FeedParser.Parse(body);

        Assert.Equal("Atom 1.0", parsed.Format);
        Assert.Empty(parsed.Warnings);
        var item = Assert.Single(parsed.Items);
        Assert.Equal((SeedArticle.Title, SeedDigest.Link), (item.Title, item.Link));
        Assert.Equal(new DateTimeOffset(2023, 10, 27, 9, 15, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(AtomFeed.EntryId("hamas-russia", SeedDigest.ArticleId), item.Guid);
        Assert.Contains("Matched: Hamas", item.Content ?? item.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TwiceAndAfterProcessingAgain_GivesTheSameBytes()
    {
        await _bed.RecordSeedAsync();
        var first = await _bed.Feeds.RenderAsync("hamas-russia", null, CancellationToken.None);
        _bed.Harness.Time.Advance(TimeSpan.FromHours(3));
        await _bed.RecordSeedAsync();

        var second = await _bed.Feeds.RenderAsync("hamas-russia", null, CancellationToken.None);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ManyMatches_NewestFirst_CappedAtMaxEntries_AndTrimmedOncePastTheSlack()
    {
        var bed = new FeedTestBed(new FeedOptions { MaxEntries = 3 });
        for (var i = 0; i < 20; i++)
        {
            var article = new ArticleBuilder().WithId($"a{i}").WithTitle($"Story {i}").Build() with { IngestedAt = FeedTestBedTime(i) };
            await bed.Recorder.RecordAsync(article, [new Core.Matching.WatchlistMatch("hamas-russia", 1, [])], CancellationToken.None);
            bed.Harness.Time.Advance(TimeSpan.FromDays(1)); // so the once-a-day trim runs each time
        }

        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString((await bed.Feeds.RenderAsync("hamas-russia", null, CancellationToken.None))!));

        Assert.Equal(["Story 19", "Story 18", "Story 17"], document.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value));

        // 3 kept + 10 of slack: the 14th entry made it delete down to 3, and 6 came after.
        Assert.Equal(9, await bed.Store.CountAsync("hamas-russia", CancellationToken.None));
    }

    [Fact]
    public async Task FeedsOff_RecordNothing()
    {
        var bed = new FeedTestBed(new FeedOptions { Enabled = false });

        await bed.RecordSeedAsync();

        Assert.Empty(await bed.Store.GetLatestAsync("hamas-russia", 100, CancellationToken.None));
    }

    [Fact]
    public async Task UnknownWatchlist_RendersNothing() =>
        Assert.Null(await _bed.Feeds.RenderAsync("no-such-watchlist", null, CancellationToken.None));

    private static DateTimeOffset FeedTestBedTime(int i) => new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i);
}
