using System.Diagnostics.Metrics;
using Azure;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Telemetry;
using NewsAlerts.Infrastructure.Language;
using NewsAlerts.TestSupport.Fakes;
using NewsAlerts.TestSupport.Language;
using Xunit.Abstractions;

namespace NewsAlerts.Infrastructure.Tests.Language;

public sealed class HybridAnalyzerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "hybrid-key";
    private FakeLanguageService _service = null!;

    public async Task InitializeAsync() => _service = await FakeLanguageService.StartAsync(Key);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Corpus_Of240ArticlesWhereFewMatch_SendsOnlyCandidatesToAzure()
    {
        var corpus = GeneratedCorpus.Create(240, matchEvery: 20);
        var analyzer = Hybrid();
        long savedMetric = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NewsAlertsMetrics.MeterName && instrument.Name == "newsalerts.language.text_records_saved")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref savedMetric, value));
        listener.Start();

        var analyses = new List<ArticleAnalysis>();
        foreach (var article in corpus)
        {
            analyses.Add(await analyzer.AnalyzeAsync(article.AnalysisText, "en", CancellationToken.None));
        }

        var stats = analyzer.Statistics;
        var candidates = corpus.Count(a => a.Body.Contains("tsunami", StringComparison.Ordinal));
        output.WriteLine($"articles {stats.Articles}, sent to Azure {stats.SentToAzure}, text records sent {stats.RecordsSent}, " +
            $"saved {stats.RecordsSaved}, analyse-all would send {stats.RecordsIfAllSent}");
        Assert.Empty(_service.Violations);
        Assert.Equal(12, candidates);
        Assert.Equal(candidates, stats.SentToAzure);
        Assert.Equal(candidates * 2, _service.Requests.Count);
        Assert.Equal(corpus.Sum(a => HybridAnalyzer.RecordsFor(a.AnalysisText)), stats.RecordsIfAllSent);
        Assert.True(stats.RecordsSent * 10 < stats.RecordsIfAllSent);
        Assert.Equal(stats.RecordsSaved, Interlocked.Read(ref savedMetric));
        Assert.Equal(candidates, analyses.Count(a => a.Analyzer == AzureLanguageAnalyzer.Name));
        Assert.Equal(corpus.Length - candidates, analyses.Count(a => a.Analyzer == OfflineAnalyzer.Name));
    }

    [Fact]
    public async Task Candidate_IsJudgedOnTheArticleWithItsOfflineAnalysis()
    {
        var factory = new KeywordMatcherFactory();
        var analyzer = Hybrid(factory);

        await analyzer.AnalyzeAsync("Quiet day\n\nNothing happened in the town.", "en", CancellationToken.None);

        var seen = Assert.Single(factory.Seen);
        Assert.Equal("Quiet day", seen.Title);
        Assert.Equal("Nothing happened in the town.", seen.Body);
        Assert.Equal(OfflineAnalyzer.Name, seen.Analysis!.Analyzer);
        Assert.Empty(_service.Requests);
    }

    private HybridAnalyzer Hybrid(KeywordMatcherFactory? factory = null)
    {
        var config = new NewsAlertsConfig { Watchlists = [new WatchlistConfig { Id = "tsunami", Name = "Tsunami", Query = "tsunami warning" }] };
        var client = new LanguageClient(_service.Endpoint, new AzureKeyCredential(Key), new LanguageClientOptions());
        return new HybridAnalyzer(new OfflineAnalyzer(), new AzureLanguageAnalyzer(client), new FixedConfigProvider(config), new WatchlistMatcherCache(factory ?? new KeywordMatcherFactory()));
    }

    /// <summary>A stand-in for the real matcher (rewritten elsewhere): an article may match when it holds every word of a query.</summary>
    private sealed class KeywordMatcherFactory : IWatchlistMatcherFactory
    {
        public List<Article> Seen { get; } = [];

        public IWatchlistMatcher Create(NewsAlertsConfig config) => new Matcher(config, Seen);

        private sealed class Matcher(NewsAlertsConfig config, List<Article> seen) : IWatchlistMatcher
        {
            public IReadOnlyList<WatchlistMatch> Match(Article article) => throw new NotSupportedException("The hybrid analyzer only asks MayMatch.");

            public bool MayMatch(Article article)
            {
                lock (seen)
                {
                    seen.Add(article);
                }

                return config.Watchlists.Any(w => w.Query.Split(' ').All(word => article.AnalysisText.Contains(word, StringComparison.OrdinalIgnoreCase)));
            }
        }
    }
}

/// <summary>Generated ~2 KB news-like articles; every <c>matchEvery</c>-th one is about a tsunami warning.</summary>
internal static class GeneratedCorpus
{
    private static readonly string[] Topics = ["budget talks", "a football final", "a new rail line", "the harvest", "a museum opening", "a court ruling", "fuel prices", "a film festival"];
    private static readonly string[] Places = ["Lisbon", "Nairobi", "Osaka", "Quito", "Warsaw", "Perth", "Dakar", "Oslo"];

    public static Article[] Create(int count, int matchEvery) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var topic = i % matchEvery == 0 ? "a tsunami warning" : Topics[i % Topics.Length];
            var place = Places[i % Places.Length];
            var paragraph = $"Officials in {place} spoke on Tuesday about {topic}. Residents said they were following the news closely, " +
                $"and the mayor's office promised an update later in the week. Analysts expect more details about {topic} soon. ";
            var body = string.Join("\n\n", Enumerable.Repeat(paragraph, 8 + (i % 5)));
            return new Article { Id = $"gen-{i}", SourceId = "generated", Title = $"{place}: news about {topic}", Body = body };
        }).ToArray();
}
