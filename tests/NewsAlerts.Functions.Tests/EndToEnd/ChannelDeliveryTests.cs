using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Azure;
using NewsAlerts.TestSupport.Channels;

namespace NewsAlerts.Functions.Tests.EndToEnd;

/// <summary>
/// The Functions app delivering to Slack, Teams and a webhook through the same <c>SendDigest</c> function as email, over
/// Azurite, with the channel URLs and the webhook secret in app settings and real HTTP receivers on 127.0.0.1.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ChannelDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private ChannelReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await ChannelReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private Task<FunctionsApp> StartAsync() => FunctionsApp.StartAsync(
        azurite,
        config =>
        {
            config["channels"] = JsonNode.Parse("""
                [
                  { "id": "ops-slack", "type": "slack", "urlSetting": "SLACK_OPS_URL", "allowPrivateNetwork": true },
                  { "id": "desk-teams", "type": "teams", "urlSetting": "TEAMS_DESK_URL", "allowPrivateNetwork": true },
                  { "id": "crm", "type": "webhook", "urlSetting": "CRM_HOOK_URL", "secretSetting": "CRM_HOOK_SECRET", "allowPrivateNetwork": true }
                ]
                """);
            config["subscribers"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "ops", "channels": ["ops-slack", "desk-teams", "crm"], "schedule": "instant", "watchlists": ["hamas-russia"] }
                """));
        },
        appSettings: new Dictionary<string, string?>
        {
            ["SLACK_OPS_URL"] = _receiver.Url("slack").AbsoluteUri,
            ["TEAMS_DESK_URL"] = _receiver.Url("teams").AbsoluteUri,
            ["CRM_HOOK_URL"] = _receiver.Url("crm").AbsoluteUri,
            ["CRM_HOOK_SECRET"] = Secret,
        });

    private static async Task RunEverythingAsync(FunctionsApp app)
    {
        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
    }

    [Fact]
    public async Task SendDigest_DeliversToEachChannelOnce_RecordsEachInTheLedger_AndTheNextTickSendsNothing()
    {
        await using var app = await StartAsync();

        await RunEverythingAsync(app);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();

        Assert.Empty(app.Queues.Failures);
        Assert.Contains(SeedArticle.Title, (string)Assert.Single(_receiver.To("slack")).Json["text"]!, StringComparison.Ordinal);
        Assert.Contains(TeamsMessage.Escape(SeedArticle.Title), Assert.Single(_receiver.To("teams")).Text, StringComparison.Ordinal);
        var webhook = Assert.Single(_receiver.To("crm"));
        WebhookSignature.TryParseSecret(Secret, out var key, out _);
        Assert.True(WebhookSignature.Verify(key, webhook.Header("webhook-id")!, webhook.Header("webhook-timestamp")!, webhook.Body, webhook.Header("webhook-signature")!));
        var digestId = webhook.Header("webhook-id")!["msg_".Length..];
        var record = await app.Services.GetRequiredService<IDeliveryLedger>().GetAsync("ops", digestId, CancellationToken.None);
        Assert.Equal(DeliveryState.Sent, record!.State);
        Assert.Equal(["channel:ops-slack", "channel:desk-teams", "channel:crm"], record.Destinations.Select(d => d.Id));
        Assert.All(record.Destinations, d => Assert.Equal(DeliveryState.Sent, d.State));
        Assert.Contains(Directory.GetFiles(app.Outbox, "*-sam-*.html"), f => File.ReadAllText(f).Contains(SeedArticle.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendDigest_TeamsRefusing_IsRecordedAsPermanent_WhileSlackAndTheWebhookGetIt()
    {
        _receiver.Answer("teams", 400);
        await using var app = await StartAsync();

        await RunEverythingAsync(app);

        Assert.Empty(app.Queues.Failures);
        Assert.Single(_receiver.To("slack"));
        Assert.Single(_receiver.To("crm"));
        Assert.Single(_receiver.To("teams"));
        var digestId = _receiver.To("crm")[0].Header("webhook-id")!["msg_".Length..];
        var teams = (await app.Services.GetRequiredService<IDeliveryLedger>().GetAsync("ops", digestId, CancellationToken.None))!.Destinations[1];
        Assert.Equal((DeliveryState.Failed, DeliveryFailure.Permanent), (teams.State, teams.Failure));
        Assert.Contains("HTTP 400", teams.Error, StringComparison.Ordinal);
    }
}
