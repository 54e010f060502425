using Azure.Storage.Queues;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Cli.Tests.Azure;

/// <summary><c>newsalerts poison list|requeue</c> against real queues in Azurite, with the app's default queue names.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PoisonCommandTests(AzuriteFixture azurite)
{
    private QueueClient Queue(string name) =>
        new(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [Fact]
    public async Task ListCountsPoisonMessages_RequeueMovesThemBackUnchanged()
    {
        var poison = Queue("articles-poison");
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync("article-1");
        await poison.SendMessageAsync("article-2");

        var list = await CliRun.InvokeAsync("poison", "list", "--connection", azurite.ConnectionString);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"articles-poison\s+2\s+\(from articles\)", list.Output);
        Assert.Matches(@"sources-poison\s+0", list.Output);

        var requeue = await CliRun.InvokeAsync("poison", "requeue", "articles", "--connection", azurite.ConnectionString);
        Assert.Equal(0, requeue.ExitCode);
        Assert.Contains("requeued 2 message(s) from articles-poison to articles", requeue.Output);

        var moved = (await Queue("articles").ReceiveMessagesAsync(10)).Value.Select(m => m.Body.ToString()).Order();
        Assert.Equal(["article-1", "article-2"], moved);
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task RequeueOfUnknownQueue_IsBadInputNamingTheQueues()
    {
        var run = await CliRun.InvokeAsync("poison", "requeue", "nosuch", "--connection", azurite.ConnectionString);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: queue 'nosuch' is not a NewsAlerts queue; expected 'all' or one of: sources, articles, digests, urgent-alerts", run.Error.Trim());
    }

    [Fact]
    public async Task WithoutAnAccount_SaysHowToNameOne()
    {
        var run = await CliRun.InvokeAsync("poison", "list");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: no storage account: pass --account NAME or --connection STRING", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
