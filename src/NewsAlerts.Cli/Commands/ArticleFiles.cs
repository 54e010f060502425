using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// Reads articles from files for <c>match</c> and <c>watchlists check</c>. A file is a feed when its content is one
/// (RSS, Atom or JSON Feed, whatever its name: <c>.atom</c>, <c>.json</c>, <c>.xml</c>, <c>.rss</c> or none) and gives one
/// article per item; otherwise it is one article whose first non-empty line is the title and the rest the body.
/// Folders are read recursively: their feeds, and their <c>.txt</c> files as articles. Articles go through the offline
/// analyzer, so <c>entity:</c>, <c>sentiment:</c> and <c>lang:</c> clauses work as in the pipeline.
/// </summary>
internal static class ArticleFiles
{
    private static readonly string[] TextExtensions = [".txt", ".text"];
    private static readonly OfflineAnalyzer Analyzer = new();

    /// <summary>An article and the name it is reported under (file path, or feed item id).</summary>
    public sealed record Named(string Name, Article Article);

    public static async IAsyncEnumerable<Named> ReadAsync(IEnumerable<string> paths, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (path, inFolder) in paths.SelectMany(Expand))
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            if (AsFeed(bytes, path) is { } feed)
            {
                foreach (var item in Items(feed, path))
                {
                    yield return item with { Article = await AnalyseAsync(item.Article, cancellationToken) };
                }
            }
            else if (!inFolder || TextExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            {
                var article = FromText(System.Text.Encoding.UTF8.GetString(bytes), path);
                yield return new Named(path, await AnalyseAsync(article, cancellationToken));
            }
        }
    }

    /// <summary>First non-empty line is the title, the rest (trimmed) the body.</summary>
    public static Article FromText(string text, string id)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var titleIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        var title = titleIndex >= 0 ? lines[titleIndex].Trim() : "";
        var body = titleIndex >= 0 ? string.Join('\n', lines.Skip(titleIndex + 1)).Trim() : "";
        return new Article { Id = id, SourceId = "file", Title = title, Body = body };
    }

    public static async Task<Article> AnalyseAsync(Article article, CancellationToken cancellationToken) =>
        article with { Analysis = await Analyzer.AnalyzeAsync(article.AnalysisText, article.LanguageHint, cancellationToken) };

    /// <summary>Files to read: the path itself, or every file under a folder (marked so, as only their feeds and texts count).</summary>
    private static IEnumerable<(string Path, bool InFolder)> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, true));
        }

        return File.Exists(path) ? [(path, false)] : throw new FileNotFoundException($"'{path}' is not a file or folder");
    }

    /// <summary>The feed <paramref name="bytes"/> hold, recognised by content (markup or JSON that parses as a feed); null for anything else.</summary>
    private static ParsedFeed? AsFeed(byte[] bytes, string path)
    {
        // Skip white space, byte-order marks and the zero bytes of UTF-16 to the first character.
        var start = 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0 or 0xEF or 0xBB or 0xBF or 0xFE or 0xFF)
        {
            start++;
        }

        if (start == bytes.Length || bytes[start] is not ((byte)'<' or (byte)'{'))
        {
            return null;
        }

        var feed = FeedParser.Parse(bytes, contentType: null, location: new Uri(Path.GetFullPath(path)));
        return feed.Format.Length > 0 ? feed : null;
    }

    private static List<Named> Items(ParsedFeed feed, string path)
    {
        var source = new SourceConfig { Id = Path.GetFileNameWithoutExtension(path), Url = path };
        var now = TimeProvider.System.GetUtcNow();
        return feed.Items
            .Select(item => new Named(item.Guid ?? item.Link?.AbsoluteUri ?? item.Title, ArticleNormalizer.Normalize(source, item, now)))
            .ToList();
    }
}
