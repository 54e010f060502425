using System.Text.Json;
using System.Xml;
using CodeHollow.FeedReader;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Benchmarks.Ingestion;

/// <summary>
/// <c>--malformed</c>: runs the three parsers over the test corpus and prints, per parser, how many files gave the
/// expected item count, and which kinds of file failed. The evidence behind the parser choice in docs/ingestion.md.
/// </summary>
internal static class MalformedComparison
{
    private sealed record Expected(string File, int Count);

    public static void Print(string corpusFolder)
    {
        var expected = JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(Path.Combine(corpusFolder, "expected.json")), JsonSerializerOptions.Web)!
            .Where(e => e.Count > 0).ToList();
        var parsers = new (string Name, Func<byte[], int> Parse)[]
        {
            ("NewsAlerts", bytes => FeedParser.Parse(bytes).Items.Count),
            ("CodeHollow.FeedReader", bytes => FeedReader.ReadFromByteArray(bytes).Items.Count),
            ("SyndicationFeed", Syndicate),
        };
        Console.WriteLine($"{expected.Count} corpus files with items");
        foreach (var (name, parse) in parsers)
        {
            var failed = expected.Where(e => !Reads(parse, File.ReadAllBytes(Path.Combine(corpusFolder, "files", e.File)), e.Count)).Select(e => e.File).ToList();
            var kinds = failed.Select(f => Path.GetFileNameWithoutExtension(f).Split('-', 2)[^1]).GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}");
            Console.WriteLine($"{name}: {expected.Count - failed.Count} read correctly, {failed.Count} failed: {string.Join(", ", kinds)}");
        }
    }

    private static bool Reads(Func<byte[], int> parse, byte[] bytes, int count)
    {
        try
        {
            return parse(bytes) == count;
        }
#pragma warning disable CA1031 // any exception is a failure to read the file, which is what is being counted
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static int Syndicate(byte[] document)
    {
        using var reader = XmlReader.Create(new MemoryStream(document), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return System.ServiceModel.Syndication.SyndicationFeed.Load(reader).Items.Count();
    }
}
