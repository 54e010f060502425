using System.Diagnostics;
using System.Text;
using NewsAlerts.Core.Ingestion.Parsing;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Ingestion;

public sealed class FeedParserTests
{
    [Fact]
    public void Parse_SampleFeed_CarriesTheSeedArticleAndSixOtherItems()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Seeds, "sample-feed.xml")));

        Assert.Equal("Sample World News", feed.Title);
        Assert.Equal(7, feed.Items.Count);
        var seed = feed.Items[0];
        Assert.Equal(SeedArticle.Title, seed.Title);
        Assert.Equal(new DateTimeOffset(2023, 10, 27, 9, 15, 0, TimeSpan.Zero), seed.PublishedAt);
        Assert.Equal("en", seed.Language);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void Parse_ExternalEntity_IsNeverResolved_AndTheFeedStillReads()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <rss version="2.0"><channel><title>&xxe;</title><item><title>Kept</title></item></channel></rss>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xxe));

        Assert.Equal("&xxe;", feed.Title);
        Assert.Equal("Kept", Assert.Single(feed.Items).Title);
        Assert.Contains(feed.Warnings, w => w.StartsWith("DOCTYPE ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BillionLaughs_FinishesAtOnceWithoutExpansion()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var document = $"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">{entities}]><rss><channel><title>&lol9;</title></channel></rss>";
        var watch = Stopwatch.StartNew();

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(document));

        Assert.Equal("&lol9;", feed.Title);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("Fri, 27 Oct 2023 09:15:00 GMT", "2023-10-27T09:15:00Z")]
    [InlineData("Fri, 27 Oct 2023 11:15:00 +0200", "2023-10-27T09:15:00Z")]
    [InlineData("2023-10-27T09:15:00Z", "2023-10-27T09:15:00Z")]
    [InlineData("Fri, 27 Oct 2023 05:15:00 EDT", "2023-10-27T09:15:00Z")]
    [InlineData("27 Oct 2023 09:15 GMT", "2023-10-27T09:15:00Z")]
    public void ParseDate_CommonFormats_GiveUtc(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(value));
    }

    private static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "deep" + string.Concat(Enumerable.Repeat(close, depth));

    private static string Rss(string items) => $"""<rss version="2.0"><channel><title>T</title>{items}<item><guid>last-item</guid><title>Last</title><description>Fine.</description></item></channel></rss>""";

    [Fact]
    public void Parse_TwoHundredThousandNestedXmlElements_SkipsThatItem_KeepsTheRest()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss($"<item><guid>hostile-1</guid><title>Hostile</title><description>{Nested("<div>", "</div>", 200_000)}</description></item>")));

        Assert.Equal(["Last"], feed.Items.Select(i => i.Title));
        Assert.Contains("item 1 ('Hostile') skipped: its elements nest deeper than 100 levels", feed.Warnings);
    }

    [Fact]
    public void Parse_TwoHundredThousandNestedHtmlTagsEscapedInAField_SkipsThatItem_KeepsTheRest()
    {
        var escaped = Nested("&lt;div&gt;", "&lt;/div&gt;", 200_000);
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss($"<item><guid>hostile-1</guid><title>Hostile</title><description>{escaped}</description></item>")));

        Assert.Equal(["Last"], feed.Items.Select(i => i.Title));
        Assert.Contains($"item 1 ('Hostile') skipped: its HTML nests deeper than {Core.Ingestion.HtmlText.MaxNesting} levels", feed.Warnings);
    }

    [Fact]
    public void Parse_DeepNestingInsideXhtmlContentWithinTheLimit_IsKeptAsMarkup()
    {
        var xhtml = Nested("<div>", "</div>", 50).Replace("deep", "<b>a &amp; b</b> &lt;c&gt;", StringComparison.Ordinal);
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss($"<item><guid>x-1</guid><title>Fine</title><description>{xhtml}</description></item>")));

        Assert.Equal(["Fine", "Last"], feed.Items.Select(i => i.Title));
        Assert.StartsWith("<div><div>", feed.Items[0].Summary, StringComparison.Ordinal);
        Assert.Contains("<b>a &amp; b</b> &lt;c&gt;", feed.Items[0].Summary, StringComparison.Ordinal);
        Assert.Equal("a & b <c>", Core.Ingestion.HtmlText.ToPlainText(feed.Items[0].Summary));
    }

    [Fact]
    public void Parse_DeepNestingOutsideAnyItem_IsNotRead_AndTheItemsAre()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss($"<image>{Nested("<x>", "</x>", 200_000)}</image>")));

        Assert.Equal(["Last"], feed.Items.Select(i => i.Title));
        Assert.Equal("T", feed.Title);
    }

    [Fact]
    public void Parse_WhenTheSourceBudgetRunsOut_StopsInsideTheDocument()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var document = Encoding.UTF8.GetBytes(Rss(string.Concat(Enumerable.Range(0, 2000).Select(i => $"<item><guid>g{i}</guid><title>Item {i}</title></item>"))));

        Assert.ThrowsAny<OperationCanceledException>(() => FeedParser.Parse(document, cancellationToken: cancelled.Token));
        Assert.Equal(2001, FeedParser.Parse(document).Items.Count);
    }
}
