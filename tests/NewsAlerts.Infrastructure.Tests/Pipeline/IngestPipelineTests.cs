using System.Security;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.Sqlite;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Infrastructure.Tests.Pipeline;

/// <summary>
/// The CLI's ingest pipeline over a real SQLite state folder: each source's poll is stored whole or not at all, a
/// failure stays with its source or article, and what failed is done by the next run.
/// </summary>
public sealed class IngestPipelineTests : IDisposable
{
    private readonly SeedPipeline _seeds = new();

    public IngestPipelineTests()
    {
        // A second source with the storm story, and Sam following it too.
        File.WriteAllText(_seeds.Folder.File("storm.xml"), $"""
            <rss version="2.0"><channel><title>Storm desk</title>
            <item><guid>storm-1</guid><title>{SecurityElement.Escape(Stories.WireTitle)}</title><link>https://news.example/storm-1</link>
            <description>{SecurityElement.Escape(Stories.WireBody)}</description></item>
            </channel></rss>
            """);
        var config = JsonNode.Parse(File.ReadAllText(_seeds.Folder.File("newsalerts.json")))!.AsObject();
        config.Remove("$schema");
        config["sources"]!.AsArray().Add(new JsonObject { ["id"] = "storm-desk", ["url"] = "storm.xml" });
        config["watchlists"]!.AsArray().Add(new JsonObject { ["id"] = "hamburg-storm", ["name"] = "Hamburg storm", ["query"] = "Hamburg port storm" });
        config["subscribers"]![0]!["watchlists"]!.AsArray().Add("hamburg-storm");
        File.WriteAllText(_seeds.Folder.File("newsalerts.json"), config.ToJsonString());
    }

    public void Dispose() => _seeds.Dispose();

    [Fact]
    public async Task APollThatCannotBeStored_IsThatSourcesFailure_TheOtherSourceIsStored_AndTheNextRunStoresIt()
    {
        var failing = new Failing(a => a.SourceId == "storm-desk");

        var first = await RunAsync(failing, analyzerFails: null);
        var second = await RunAsync(null, analyzerFails: null);

        Assert.True(failing.Failed);
        Assert.Contains(first.Failures, f => f.What == "source storm-desk" && f.Reason.StartsWith("not stored", StringComparison.Ordinal));
        Assert.Single(first.Failures);
        Assert.Equal(7, first.NewArticles); // the sample feed's, stored with their alerts
        Assert.Equal(1, second.NewArticles); // the storm story: its feed state was not saved either, so it is read again
        var pending = await PendingAsync();
        Assert.Contains(pending, a => a.Matches.Any(m => m.WatchlistId == "hamburg-storm"));
    }

    [Fact]
    public async Task AnArticleWhoseAnalysisThrows_IsStoredUnmatchedWithAWarning_AndTheNextRunMatchesIt()
    {
        var analyzerFails = new Failing(a => a.Title == Stories.WireTitle); // only in the first run

        var first = await RunAsync(null, analyzerFails);
        List<UnmatchedArticle> unmatched;
        using (var host = _seeds.Build())
        {
            unmatched = [.. await host.Services.GetRequiredService<IArticleStore>().GetUnmatchedAsync(DateTimeOffset.MaxValue, int.MaxValue, int.MaxValue, CancellationToken.None)];
        }

        var second = await RunAsync(null, null);

        Assert.Contains(first.Warnings, w => w.Contains("not matched", StringComparison.Ordinal));
        Assert.Equal(8, first.NewArticles);
        Assert.Single(unmatched);
        Assert.Equal((0, 1), (second.NewArticles, second.Alerts));
        Assert.Contains(await PendingAsync(), a => a.Matches.Any(m => m.WatchlistId == "hamburg-storm"));
    }

    [Fact]
    public async Task SourcesReportInConfigOrder_AndTheRunsAlertsShareItsTime()
    {
        _seeds.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1); // every reading of the clock moves it on

        var summary = await RunAsync(null, null);

        using var host = _seeds.Build();
        var result = await host.Services.GetRequiredService<IngestPipeline>().RunAsync(
            await host.Services.GetRequiredService<Core.Configuration.IConfigProvider>().GetAsync(CancellationToken.None), dueOnly: false, null, CancellationToken.None);
        Assert.Equal(["sample-world", "storm-desk"], result.Sources.Select(s => s.SourceId));
        Assert.True(summary.Alerts > 1);
        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT created_at) FROM alerts";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private async Task<List<Alert>> PendingAsync()
    {
        using var host = _seeds.Build();
        return [.. await host.Services.GetRequiredService<IAlertStore>().GetPendingAsync("sam", CancellationToken.None)];
    }

    private async Task<RunSummary> RunAsync(Failing? articles, Failing? analyzerFails)
    {
        try
        {
            return await _seeds.RunOnceAsync(services => Break(services, articles, analyzerFails));
        }
        finally
        {
            _seeds.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Wraps the article store and the analyzer when a test has them fail; digests are kept for tomorrow (quiet).</summary>
    private static void Break(IServiceCollection services, Failing? articles, Failing? analyzer)
    {
        if (articles is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IArticleStore>(sp => new FailingArticles(new SqliteArticleStore(sp.GetRequiredService<SqliteDatabase>()), articles)));
        }

        if (analyzer is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IArticleAnalyzer>(sp => new FailingAnalyzer(sp.GetRequiredService<OfflineAnalyzer>(), analyzer)));
        }
    }

    /// <summary>Fails whenever an article it picks comes by (in the one run it is given to).</summary>
    private sealed class Failing(Func<Article, bool> picks)
    {
        public bool Failed { get; private set; }

        public void ThrowIfPicked(Article article)
        {
            if (picks(article))
            {
                Failed = true;
                throw new IOException($"simulated failure for {article.Id}");
            }
        }
    }

    private sealed class FailingArticles(IArticleStore inner, Failing failing) : DelegatingArticleStore(inner), IArticleStore
    {
        public Task<IReadOnlySet<string>> TryAddAllAsync(IReadOnlyList<Article> articles, IReadOnlySet<string> matched, DateTimeOffset matchedAt, CancellationToken cancellationToken)
        {
            foreach (var article in articles)
            {
                failing.ThrowIfPicked(article);
            }

            return Inner.TryAddAllAsync(articles, matched, matchedAt, cancellationToken);
        }
    }

    private sealed class FailingAnalyzer(IArticleAnalyzer inner, Failing failing) : IArticleAnalyzer
    {
        public Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, CancellationToken cancellationToken)
        {
            failing.ThrowIfPicked(new ArticleBuilder().WithTitle(text.Split('\n')[0]).Build());
            return inner.AnalyzeAsync(text, languageHint, cancellationToken);
        }
    }
}
