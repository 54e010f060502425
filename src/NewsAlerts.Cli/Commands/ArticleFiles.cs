using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// Reads articles from files for <c>match</c> and <c>watchlists check</c>: a <c>.txt</c> file (or example text) is
/// one article whose first non-empty line is the title and the rest the body; a feed file (<c>.xml</c>, <c>.rss</c>)
/// gives one article per item; folders are read recursively. Articles go through the offline analyzer, so
/// <c>entity:</c>, <c>sentiment:</c> and <c>lang:</c> clauses work as in the pipeline.
/// </summary>
internal static class ArticleFiles
{
    private static readonly string[] FeedExtensions = [".xml", ".rss"];
    private static readonly OfflineAnalyzer Analyzer = new();

    /// <summary>An article and the name it is reported under (file path, or feed item id).</summary>
    public sealed record Named(string Name, Article Article);

    public static async IAsyncEnumerable<Named> ReadAsync(IEnumerable<string> paths, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in paths.SelectMany(Expand))
        {
            if (FeedExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            {
                foreach (var item in ReadFeed(path))
                {
                    yield return item with { Article = await AnalyseAsync(item.Article, cancellationToken) };
                }
            }
            else
            {
                var article = FromText(await File.ReadAllTextAsync(path, cancellationToken), path);
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

    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is var e && (e.Equals(".txt", StringComparison.OrdinalIgnoreCase) || FeedExtensions.Contains(e, StringComparer.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal);
        }

        return File.Exists(path) ? [path] : throw new FileNotFoundException($"'{path}' is not a file or folder");
    }

    private static List<Named> ReadFeed(string path)
    {
        ParsedFeed feed;
        using (var stream = File.OpenRead(path))
        {
            try
            {
                feed = FeedParser.Parse(stream, contentType: null, location: new Uri(Path.GetFullPath(path)));
            }
            catch (Exception ex) when (ex is FormatException or System.Xml.XmlException)
            {
                throw new InvalidDataException($"{path}: not a readable feed: {ex.Message}", ex);
            }
        }

        var source = new SourceConfig { Id = Path.GetFileNameWithoutExtension(path), Url = path };
        var now = TimeProvider.System.GetUtcNow();
        return feed.Items
            .Select(item => new Named(item.Guid ?? item.Link?.AbsoluteUri ?? item.Title, ArticleNormalizer.Normalize(source, item, now)))
            .ToList();
    }
}
