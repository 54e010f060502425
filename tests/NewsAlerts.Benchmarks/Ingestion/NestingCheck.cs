using System.Diagnostics;
using System.Text;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Benchmarks.Ingestion;

/// <summary>
/// Issue 11's bounded-parsing goal: a feed item holding 200,000 nested elements is read or skipped in under 2 s with the
/// process under 300 MB. Parses (and normalises, as ingestion does) three hostile feeds and prints time, allocation and
/// the process's peak working set. Run: <c>dotnet run -c Release --project tests/NewsAlerts.Benchmarks -- nesting [depth]</c>.
/// The code before the change took 276 s and 463 MB on the first case (the old build's <c>feed parse</c>, same machine).
/// </summary>
internal static class NestingCheck
{
    public static int Run(string[] args)
    {
        var depth = args.Length > 0 && int.TryParse(args[0], out var d) ? d : 200_000;
        var cases = new (string Name, string Description)[]
        {
            ("nested XML elements in <description>", Repeat("<div>", depth) + "deep" + Repeat("</div>", depth)),
            ("nested escaped HTML tags in <description>", Repeat("&lt;div&gt;", depth) + "deep" + Repeat("&lt;/div&gt;", depth)),
            ("nested escaped HTML blocks with blank lines", Repeat("&lt;div&gt;\n\n", depth) + "deep" + Repeat("&lt;/div&gt;\n\n", depth)),
        };
        var source = new SourceConfig { Id = "hostile" };
        var failed = false;
        foreach (var (name, description) in cases)
        {
            var document = Encoding.UTF8.GetBytes(
                $"""<rss version="2.0"><channel><title>T</title><item><guid>hostile-1</guid><title>Deep</title><description>{description}</description></item><item><guid>after-1</guid><title>After</title><description>Fine.</description></item></channel></rss>""");
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var feed = FeedParser.Parse(document);
            var articles = ArticleNormalizer.NormalizeAll(source, feed, DateTimeOffset.UnixEpoch);
            clock.Stop();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var ok = clock.Elapsed < TimeSpan.FromSeconds(2) && peak < 300L * 1024 * 1024 && articles.Any(a => a.Title == "After");
            failed |= !ok;
            Console.WriteLine(
                $"{depth:N0} {name} ({document.Length / 1024.0 / 1024:0.0} MB): {clock.Elapsed.TotalMilliseconds:0} ms, " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024:0} MB allocated, peak working set {peak / 1024.0 / 1024:0} MB, " +
                $"items kept {articles.Count}: {string.Join("; ", feed.Warnings)} {(ok ? "OK" : "GOAL MISSED")}");
        }

        return failed ? 1 : 0;
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
