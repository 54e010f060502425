using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>
/// Pays Azure AI Language only for candidates: the offline analyzer runs first, then the watchlists' text clauses
/// (<see cref="IWatchlistMatcher.MayMatch"/> on the article with the offline analysis); only articles that can still
/// match some watchlist go to Azure. Counts the text records sent and those saved against analysing everything
/// (<see cref="Statistics"/>, and the metrics <c>newsalerts.language.text_records</c> and <c>..._saved</c>).
/// </summary>
public sealed class HybridAnalyzer(OfflineAnalyzer offline, AzureLanguageAnalyzer azure, IConfigProvider configProvider, WatchlistMatcherCache matchers)
    : IArticleAnalyzer
{
    private long _articles;
    private long _sent;
    private long _recordsSaved;

    /// <summary>Articles analysed, sent to Azure, and text records sent and saved so far.</summary>
    public HybridStatistics Statistics => new(
        Interlocked.Read(ref _articles), Interlocked.Read(ref _sent), azure.Client.TextRecords, Interlocked.Read(ref _recordsSaved));

    public async Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _articles);
        var local = offline.Analyze(text, languageHint);
        var config = await configProvider.GetAsync(cancellationToken);
        if (!matchers.Get(config).MayMatch(ArticleOf(text, languageHint, local)))
        {
            var saved = RecordsFor(text);
            Interlocked.Add(ref _recordsSaved, saved);
            NewsAlertsMetrics.LanguageTextRecordsSaved.Add(saved);
            return local;
        }

        Interlocked.Increment(ref _sent);
        var language = languageHint ?? (local.Language == "und" ? null : local.Language);
        return await azure.AnalyzeAsync(text, language, cancellationToken);
    }

    /// <summary>The records Azure would bill for the text: entity recognition and sentiment, per started 1,000 characters of each chunk.</summary>
    public static long RecordsFor(string text) =>
        2 * TextChunker.Split(text, LanguageClient.MaxTextElements).Sum(c => LanguageClient.RecordsFor(c.Text.Length));

    /// <summary>The analysers see <see cref="Article.AnalysisText"/> (title, blank line, body); the matcher wants the article back.</summary>
    private static Article ArticleOf(string text, string? languageHint, ArticleAnalysis analysis)
    {
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        return new Article
        {
            Id = "hybrid-candidate",
            SourceId = "hybrid",
            Title = split < 0 ? text : text[..split],
            Body = split < 0 ? "" : text[(split + 2)..],
            LanguageHint = languageHint,
            Analysis = analysis,
        };
    }
}

/// <summary>What the hybrid analyzer did: records saved are those analysing every article with Azure would have cost in addition.</summary>
public sealed record HybridStatistics(long Articles, long SentToAzure, long RecordsSent, long RecordsSaved)
{
    public long RecordsIfAllSent => RecordsSent + RecordsSaved;
}
