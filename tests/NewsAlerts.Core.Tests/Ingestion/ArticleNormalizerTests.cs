using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Tests.Ingestion;

public sealed class ArticleNormalizerTests
{
    private static readonly SourceConfig Source = new() { Id = "s" };
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("https://News.Example.ORG:443/a/b?id=7&utm_source=rss&utm_medium=feed#comments", "https://news.example.org/a/b?id=7")]
    [InlineData("http://example.com/x?fbclid=abc&gclid=def", "http://example.com/x")]
    [InlineData("https://example.com/p?b=2&a=1&mc_cid=9", "https://example.com/p?b=2&a=1")]
    [InlineData("https://example.com:8443/p", "https://example.com:8443/p")]
    public void CanonicalUrl_LowersTheHost_DropsFragmentAndTrackingParameters(string url, string expected)
    {
        Assert.Equal(expected, CanonicalUrl.From(new Uri(url)));
    }

    [Fact]
    public void Normalize_GivesPlainTextUtcTimeCanonicalLinkAndLanguage()
    {
        var item = new FeedItem
        {
            Guid = "urn:story:1",
            Title = "Tom &amp; <b>Jerry</b>",
            Link = new Uri("https://Example.com/a?utm_campaign=x#top"),
            PublishedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(2)),
            Summary = "<p>One</p><script>x()</script><p>Two</p>",
            Language = "en-GB",
        };

        var article = ArticleNormalizer.Normalize(Source, item, Now);

        Assert.Equal(("Tom & Jerry", "One\n\nTwo", "https://example.com/a", "en"), (article.Title, article.Body, article.Link!.AbsoluteUri, article.LanguageHint));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(TimeSpan.Zero, article.PublishedAt!.Value.Offset);
    }

    [Fact]
    public void NormalizeAll_AGuidSharedByTwoItems_IsNotTrusted_TheCanonicalUrlIsUsed()
    {
        var feed = new ParsedFeed("F", null,
        [
            new FeedItem { Guid = "same", Title = "A", Link = new Uri("https://example.com/a?utm_source=x") },
            new FeedItem { Guid = "same", Title = "B", Link = new Uri("https://example.com/b") },
        ], []);

        var articles = ArticleNormalizer.NormalizeAll(Source, feed, Now);

        Assert.NotEqual(articles[0].Id, articles[1].Id);
        Assert.Equal(NewsAlerts.Core.Articles.ArticleId.From("s", "https://example.com/a"), articles[0].Id);
    }

    [Theory]
    [InlineData("The government said on Monday that the plan for the port was approved by the council", "en")]
    [InlineData("Die Regierung hat am Montag gesagt, dass der Plan für den Hafen nicht mit dem Rat abgestimmt ist", "de")]
    [InlineData("Le gouvernement a dit que le plan pour le port est approuvé par la ville et les habitants", "fr")]
    [InlineData("12 34 56 78 90", null)]
    public void LanguageHint_GuessesFromFunctionWords_WhenTheFeedDeclaresNone(string text, string? expected)
    {
        Assert.Equal(expected, LanguageHint.For(null, text));
    }
}
