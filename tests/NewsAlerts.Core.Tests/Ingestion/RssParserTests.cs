using NewsAlerts.Core.Ingestion;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Ingestion;

public sealed class RssParserTests
{
    [Fact]
    public void Parse_SampleFeed_CarriesTheSeedArticleAndSixOtherItems()
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Seeds, "sample-feed.xml"));

        var feed = RssParser.Parse(stream);

        Assert.Equal("Sample World News", feed.Title);
        Assert.Equal(7, feed.Items.Count);
        var seed = feed.Items[0];
        Assert.Equal(SeedArticle.Title, seed.Title);
        Assert.Equal(new DateTimeOffset(2023, 10, 27, 9, 15, 0, TimeSpan.Zero), seed.PublishedAt);
        Assert.Equal("en", seed.Language);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void Parse_DocumentWithDtd_IsRefusedWithoutExpandingEntities()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <rss version="2.0"><channel><title>&xxe;</title></channel></rss>
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xxe));

        Assert.Throws<System.Xml.XmlException>(() => RssParser.Parse(stream));
    }

    [Theory]
    [InlineData("Fri, 27 Oct 2023 09:15:00 GMT", "2023-10-27T09:15:00Z")]
    [InlineData("Fri, 27 Oct 2023 11:15:00 +0200", "2023-10-27T09:15:00Z")]
    [InlineData("2023-10-27T09:15:00Z", "2023-10-27T09:15:00Z")]
    public void ParseDate_CommonFormats_GiveUtc(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), RssParser.ParseDate(value));
    }
}
