using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using CodeHollow.FeedReader;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Benchmarks.Ingestion;

/// <summary>
/// Parse throughput of the NewsAlerts parser against CodeHollow.FeedReader and System.ServiceModel.Syndication on the
/// same documents: one RSS 2.0 and one Atom 1.0 feed of 200 items with HTML descriptions (about 0.5 MB each), which
/// all three accept. MB/s = <see cref="Bytes"/> / mean time; items/s = 400 / mean time. HTML-to-text is not part of
/// parsing in any of the three (it is the normaliser's job, measured in <see cref="NormalizerBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class FeedParserBenchmarks
{
    public const int ItemsPerFeed = 200;

    private byte[] _rss = [];
    private byte[] _atom = [];

    /// <summary>Bytes parsed per operation (both feeds).</summary>
    public int Bytes => _rss.Length + _atom.Length;

    [GlobalSetup]
    public void Setup()
    {
        (_rss, _atom) = (SampleFeeds.Rss(ItemsPerFeed), SampleFeeds.Atom(ItemsPerFeed));
        Console.WriteLine($"// corpus: {Bytes} bytes, {2 * ItemsPerFeed} items");
    }

    [Benchmark(Baseline = true)]
    public int NewsAlertsFeedParser() => FeedParser.Parse(_rss).Items.Count + FeedParser.Parse(_atom).Items.Count;

    [Benchmark]
    public int CodeHollowFeedReader() =>
        FeedReader.ReadFromByteArray(_rss).Items.Count + FeedReader.ReadFromByteArray(_atom).Items.Count;

    [Benchmark]
    public int SyndicationFeedLoad() => Syndicate(_rss) + Syndicate(_atom);

    private static int Syndicate(byte[] document)
    {
        using var reader = XmlReader.Create(new MemoryStream(document), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return System.ServiceModel.Syndication.SyndicationFeed.Load(reader).Items.Count();
    }
}

/// <summary>The normaliser (HTML to text, canonical URL, id, language) over the 400 parsed items of the parser benchmark.</summary>
[MemoryDiagnoser]
public class NormalizerBenchmarks
{
    private NewsAlerts.Core.Ingestion.ParsedFeed _feed = null!;

    [GlobalSetup]
    public void Setup() => _feed = FeedParser.Parse(SampleFeeds.Rss(2 * FeedParserBenchmarks.ItemsPerFeed));

    [Benchmark]
    public int Normalize() =>
        NewsAlerts.Core.Ingestion.ArticleNormalizer.NormalizeAll(new NewsAlerts.Core.Configuration.SourceConfig { Id = "s" }, _feed, default).Count;
}

/// <summary>Realistic feed documents: every item has a title, link, guid, date and a 2 KB HTML description.</summary>
internal static class SampleFeeds
{
    private static string Description(int i) => System.Net.WebUtility.HtmlEncode(string.Concat(Enumerable.Range(0, 8).Select(p =>
        $"<p>Paragraph {p} of story {i}: the council met on Tuesday &amp; agreed to extend the harbour, said the mayor, who expects work to start in spring.</p>")));

    public static byte[] Rss(int items)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Bench</title><link>https://news.example.org/</link><description>d</description>");
        for (var i = 0; i < items; i++)
        {
            xml.Append($"<item><title>Story {i}: harbour extension agreed</title><link>https://news.example.org/{i}?utm_source=rss</link><guid isPermaLink=\"false\">story-{i}</guid><pubDate>Mon, 30 Nov 2026 09:{i % 60:00}:00 GMT</pubDate><description>{Description(i)}</description></item>\n");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    public static byte[] Atom(int items)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench</title><id>urn:bench</id><updated>2026-11-30T09:00:00Z</updated><link href=\"https://news.example.org/\"/>");
        for (var i = 0; i < items; i++)
        {
            xml.Append($"<entry><title>Story {i}: harbour extension agreed</title><link href=\"https://news.example.org/{i}\"/><id>urn:story:{i}</id><updated>2026-11-30T09:{i % 60:00}:00Z</updated><summary type=\"html\">{Description(i)}</summary></entry>\n");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</feed>").ToString());
    }
}
