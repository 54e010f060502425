using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Infrastructure;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Functions.Tests.EndToEnd;

/// <summary>Every function end to end through real queues, tables and blobs (Azurite), as the Functions host would run them.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PipelineThroughQueuesTests(AzuriteFixture azurite)
{
    private const string SeedTitle = "Israel demanded the expulsion of Hamas representatives from Russia";

    private static readonly string SeedArticleId = ArticleId.From("sample-world", "4c9df461499d11da");

    [Fact]
    public async Task DueSource_FlowsThroughEveryFunction_ToAlertsAnUrgentAlertAndADigestInTheOutbox()
    {
        // EU climate is urgent here, so one alert also takes the urgent queue.
        await using var app = await FunctionsApp.StartAsync(azurite, config => config["watchlists"]![1]!["urgent"] = true);

        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        var sourceMessage = Assert.Single((await app.Queues.Client(app.Settings[AppSettings.SourcesQueueName]!).PeekMessagesAsync(10)).Value);
        Assert.Equal("sample-world", sourceMessage.Body.ToString());
        await app.Queues.RunUntilIdleAsync();
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();

        Assert.Empty(app.Queues.Failures);
        Assert.Equal(7, app.ArticleMessages);
        var emails = Directory.GetFiles(app.Outbox, "*-sam-*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(2, emails.Count);
        var digestHtml = File.ReadAllText(Assert.Single(Directory.GetFiles(app.Outbox, "*-sam-*.html"), f => File.ReadAllText(f).Contains(SeedTitle, StringComparison.Ordinal)));
        Assert.Contains("Hamas", digestHtml, StringComparison.Ordinal);
        Assert.Contains(emails, e => e.Contains("climate", StringComparison.OrdinalIgnoreCase) && !e.Contains(SeedTitle, StringComparison.Ordinal));
        var ledger = app.Services.GetRequiredService<IDeliveryLedger>();
        var daily = DigestKey.Scheduled("sam", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(DeliveryState.Sent, (await ledger.GetAsync("sam", daily.DigestId, CancellationToken.None))!.State);
        Assert.Empty(await app.Services.GetRequiredService<IAlertStore>().GetPendingAsync("sam", CancellationToken.None));

        // Polled just now: the next tick queues nothing until the poll interval has passed.
        Assert.Empty(await app.Services.GetRequiredService<Core.Ingestion.SourcePolling>().EnqueueDueAsync(CancellationToken.None));
        app.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(["sample-world"], await app.Services.GetRequiredService<Core.Ingestion.SourcePolling>().EnqueueDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SameArticleMessageTwice_GivesOneAlert()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        await app.Create<IngestSourceFunction>().RunAsync("sample-world", CancellationToken.None);
        await app.Queues.Client(app.Settings[AppSettings.ArticlesQueueName]!).SendMessageAsync(SeedArticleId);

        await app.Queues.RunUntilIdleAsync();

        Assert.Equal(8, app.ArticleMessages);
        var pending = await app.Services.GetRequiredService<IAlertStore>().GetPendingAsync("sam", CancellationToken.None);
        Assert.Single(pending, a => a.ArticleId == SeedArticleId);
    }

    [Fact]
    public async Task AlwaysFailingMessage_EndsInThePoisonQueueAfterMaxDequeueCount_AndCanBeRequeued()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var digests = app.Settings[AppSettings.DigestsQueueName]!;
        await app.Queues.Client(digests).SendMessageAsync("this is not a digest");

        await app.Queues.RunUntilIdleAsync();

        Assert.Equal(app.Queues.MaxDequeueCount, app.Queues.Failures.Count(f => f.Queue == digests));
        Assert.All(app.Queues.Failures, f => Assert.IsType<FormatException>(f.Error));
        var poison = app.Services.GetRequiredService<PoisonQueues>();
        Assert.Equal(1, (await poison.ReportAsync(CancellationToken.None)).Single(c => c.Queue == digests).Messages);

        var moved = await poison.RequeueAsync(digests, 100, CancellationToken.None);

        Assert.Equal(1, moved);
        Assert.Equal(0, (await poison.CountAsync(CancellationToken.None)).Single(c => c.Queue == digests).Messages);
        var back = Assert.Single((await app.Queues.Client(digests).PeekMessagesAsync(10)).Value);
        Assert.Equal("this is not a digest", back.Body.ToString());
    }
}
