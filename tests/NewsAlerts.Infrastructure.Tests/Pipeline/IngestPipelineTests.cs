using System.Security;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.DependencyInjection;
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
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public IngestPipelineTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, _folder.File(Path.GetFileName(file)));
        }

        // A second source with the storm story, and Sam following it too.
        File.WriteAllText(_folder.File("storm.xml"), $"""
            <rss version="2.0"><channel><title>Storm desk</title>
            <item><guid>storm-1</guid><title>{SecurityElement.Escape(Stories.WireTitle)}</title><link>https://news.example/storm-1</link>
            <description>{SecurityElement.Escape(Stories.WireBody)}</description></item>
            </channel></rss>
            """);
        var config = JsonNode.Parse(File.ReadAllText(_folder.File("newsalerts.json")))!.AsObject();
        config.Remove("$schema");
        config["sources"]!.AsArray().Add(new JsonObject { ["id"] = "storm-desk", ["url"] = "storm.xml" });
        config["watchlists"]!.AsArray().Add(new JsonObject { ["id"] = "hamburg-storm", ["name"] = "Hamburg storm", ["query"] = "Hamburg port storm" });
        config["subscribers"]![0]!["watchlists"]!.AsArray().Add("hamburg-storm");
        File.WriteAllText(_folder.File("newsalerts.json"), config.ToJsonString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

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
        using (var host = Build(null, null))
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
        _time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1); // every reading of the clock moves it on

        var summary = await RunAsync(null, null);

        using var host = Build(null, null);
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
        using var host = Build(null, null);
        return [.. await host.Services.GetRequiredService<IAlertStore>().GetPendingAsync("sam", CancellationToken.None)];
    }

    private async Task<RunSummary> RunAsync(Failing? articles, Failing? analyzerFails)
    {
        using var host = Build(articles, analyzerFails);
        try
        {
            return await host.Services.GetRequiredService<PipelineRunner>().RunOnceAsync(null, CancellationToken.None);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>A fresh service graph, as a new <c>newsalerts run</c> process builds; digests are kept for tomorrow (quiet).</summary>
    private IHost Build(Failing? articles, Failing? analyzer)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsAlerts:ConfigPath"] = _folder.File("newsalerts.json"),
            ["NewsAlerts:StatePath"] = _folder.File("state"),
            ["NewsAlerts:OutboxPath"] = _folder.File("outbox"),
        });
        builder.AddNewsAlerts();
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time));
        if (articles is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IArticleStore>(sp => new FailingArticles(new SqliteArticleStore(sp.GetRequiredService<SqliteDatabase>()), articles)));
        }

        if (analyzer is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IArticleAnalyzer>(sp => new FailingAnalyzer(sp.GetRequiredService<OfflineAnalyzer>(), analyzer)));
        }

        return builder.Build();
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
