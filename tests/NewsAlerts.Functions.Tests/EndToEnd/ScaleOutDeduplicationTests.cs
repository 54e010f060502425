using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Azure;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Functions.Tests.EndToEnd;

/// <summary>
/// Two instances of the app (as Azure runs them when it scales out) share one de-duplication window: two outlets'
/// copies of one story, each polled by another instance, are one story cluster, and the subscriber gets it once.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ScaleOutDeduplicationTests(AzuriteFixture azurite)
{
    private static readonly string WireId = ArticleId.From("wire", "storm-1");
    private static readonly string OutletId = ArticleId.From("outlet", "storm-2");

    [Fact]
    public async Task CopiesPolledByTwoInstances_OneAfterTheOther_AreOneStoryInOneDigest()
    {
        await using var app = await StartAsync();
        var second = await app.AddInstanceAsync();
        await second.Create<IngestSourceFunction>().RunAsync("sample-world", CancellationToken.None); // its window is read now

        await app.Create<IngestSourceFunction>().RunAsync("wire", CancellationToken.None);
        await second.Create<IngestSourceFunction>().RunAsync("outlet", CancellationToken.None);

        await AssertOneStoryInSamsDigestAsync(app);
    }

    [Fact]
    public async Task CopiesPolledByTwoInstancesAtOnce_AreOneStoryInOneDigest()
    {
        await using var app = await StartAsync();
        var outletAtAppend = new TaskCompletionSource();
        var wireDone = new TaskCompletionSource();
        var second = await app.AddInstanceAsync(services => services.Replace(ServiceDescriptor.Singleton<IDeduplicationStore>(sp =>
            new HeldAppendDeduplicationStore(ActivatorUtilities.CreateInstance<TableDeduplicationStore>(sp), async () =>
            {
                outletAtAppend.TrySetResult();
                await wireDone.Task;
            }))));

        // The second instance classifies and stores its copy; before it appends, the first instance ingests the other copy.
        var outletPoll = second.Create<IngestSourceFunction>().RunAsync("outlet", CancellationToken.None);
        await outletAtAppend.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await app.Create<IngestSourceFunction>().RunAsync("wire", CancellationToken.None);
        wireDone.SetResult();
        await outletPoll;

        await AssertOneStoryInSamsDigestAsync(app);
    }

    /// <summary>Both copies stored in one cluster; processed and sent by both instances; Sam's digest lists the story once.</summary>
    private static async Task AssertOneStoryInSamsDigestAsync(FunctionsApp app)
    {
        var articles = app.Services.GetRequiredService<IArticleStore>();
        var wire = await articles.GetAsync(WireId, CancellationToken.None);
        var outlet = await articles.GetAsync(OutletId, CancellationToken.None);
        Assert.Equal((WireId, WireId), (wire!.ClusterId, outlet!.ClusterId));

        await Task.WhenAll(app.Instances.Select(i => i.Queues.RunUntilIdleAsync()));
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await Task.WhenAll(app.Instances.Select(i => i.Queues.RunUntilIdleAsync()));

        Assert.All(app.Instances, i => Assert.Empty(i.Queues.Failures));
        var digests = Directory.GetFiles(app.Outbox, "*-sam-*.html").Select(File.ReadAllText).Where(h => h.Contains("Hamburg", StringComparison.Ordinal)).ToList();
        var digest = Assert.Single(digests);
        var titles = new[] { Stories.WireTitle, Stories.OutletTitle }.Count(t => digest.Contains(t, StringComparison.Ordinal));
        Assert.Equal(1, titles);
        Assert.Contains("and 1 similar article", digest, StringComparison.Ordinal);
    }

    /// <summary>The seed app with two more sources, a wire and an outlet running an edited copy of the wire's story, and Sam following the story.</summary>
    private async Task<FunctionsApp> StartAsync()
    {
        var app = await FunctionsApp.StartAsync(azurite, config =>
        {
            var sources = config["sources"]!.AsArray();
            var url = new Uri(sources[0]!["url"]!.GetValue<string>());
            foreach (var outlet in new[] { "wire", "outlet" })
            {
                sources.Add(new JsonObject { ["id"] = outlet, ["url"] = new Uri(url, $"{outlet}.xml").ToString(), ["allowPrivateNetwork"] = true });
            }

            config["watchlists"]!.AsArray().Add(new JsonObject { ["id"] = "hamburg-storm", ["name"] = "Hamburg storm", ["query"] = "Hamburg port storm" });
            config["subscribers"]![0]!["watchlists"]!.AsArray().Add("hamburg-storm");
        });
        app.Feeds["wire.xml"] = Rss("storm-1", Stories.WireTitle, Stories.WireBody);
        app.Feeds["outlet.xml"] = Rss("storm-2", Stories.OutletTitle, Stories.OutletBody);
        return app;
    }

    private static byte[] Rss(string guid, string title, string body) => Encoding.UTF8.GetBytes(
        $"<rss version=\"2.0\"><channel><title>{guid}</title><item><guid>{guid}</guid><title>{SecurityElement.Escape(title)}</title>" +
        $"<link>https://news.example/{guid}</link><description>{SecurityElement.Escape(body)}</description></item></channel></rss>");
}
