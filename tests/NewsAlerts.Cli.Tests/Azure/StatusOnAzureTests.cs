using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Infrastructure.AzureStorage;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Cli.Tests.Azure;

/// <summary><c>newsalerts status --storage</c> reads the Azure app's state (config blob, feed-state and ledger tables) from Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StatusOnAzureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Status_OfTheAzureState_NamesTheFailingSourceAndTheStuckDigest_ExitThree()
    {
        var clients = StorageClients.ForConnectionString(azurite.ConnectionString);
        var options = Options.Create(new AzureStorageOptions());
        var container = new BlobContainerClient(azurite.ConnectionString, options.Value.ConfigContainer);
        await container.CreateIfNotExistsAsync();
        var config = File.ReadAllText(Path.Combine(RepoPaths.Seeds, "newsalerts.json"))
            .Replace("\"url\": \"sample-feed.xml\"", "\"url\": \"https://news.example.org/world.xml\"", StringComparison.Ordinal);
        await container.GetBlobClient(options.Value.ConfigBlobName).UploadAsync(BinaryData.FromString(config), overwrite: true);
        var now = TimeProvider.System.GetUtcNow();
        await new TableFeedStateStore(clients, options).SaveAsync(
            new FeedState("sample-world", null, null, now.AddMinutes(-5)) { LastSuccessAt = now.AddHours(-6), ConsecutiveFailures = 4, LastError = "https://news.example.org/world.xml: HTTP 503 Service Unavailable (3 attempts)" },
            CancellationToken.None);
        var ledger = new TableDeliveryLedger(clients, options);
        var record = await ledger.GetOrAddAsync(
            new DeliveryRecord { DigestId = "fedcba9876543210fedc", SubscriberId = "sam", Period = "daily:2026-12-01T08:00Z", CreatedAt = now.AddHours(-3), UpdatedAt = now.AddHours(-3) },
            CancellationToken.None);
        await ledger.TryUpdateAsync(record with { State = DeliveryState.Sending, Attempts = 1 }, CancellationToken.None);

        var status = await CliRun.InvokeAsync("status", "--storage", azurite.ConnectionString);

        Assert.Equal(3, status.ExitCode);
        Assert.Matches(@"(?m)^  sample-world\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+4\s+-", status.Output);
        Assert.Contains("  - source sample-world is failing (4 failure(s) in a row): https://news.example.org/world.xml: HTTP 503", status.Output, StringComparison.Ordinal);
        Assert.Contains("  - digest fedcba9876543210fedc for sam is stuck", status.Output, StringComparison.Ordinal);
        Assert.Contains("(tables newsalerts*)", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_StorageThatIsNeitherAConnectionStringNorAUrl_IsBadInput()
    {
        var status = await CliRun.InvokeAsync("status", "--storage", "myaccount");

        Assert.Equal(2, status.ExitCode);
        Assert.Equal("error: --storage 'myaccount' is neither a connection string nor an https account URL", status.Error.Trim());
    }
}
