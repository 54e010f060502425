using System.Text.Json.Nodes;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Channels;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// The real CLI, <c>run --once</c> on the seeds, with a Slack, a Teams and a webhook subscriber besides the email one,
/// against real HTTP receivers on 127.0.0.1. The channel URLs and the webhook secret come from environment variables,
/// as in production; each test has its own variable names.
/// </summary>
public sealed class ChannelDeliveryTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly SeedWorkspace _workspace = new();
    private readonly string _prefix = "NA_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private ChannelReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ChannelReceiver.StartAsync();
        foreach (var (name, endpoint) in new[] { ("SLACK", "slack"), ("TEAMS", "teams"), ("CRM", "crm") })
        {
            Environment.SetEnvironmentVariable($"{_prefix}_{name}_URL", _receiver.Url(endpoint).AbsoluteUri);
        }

        Environment.SetEnvironmentVariable($"{_prefix}_CRM_SECRET", Secret);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(_workspace.Config))!.AsObject();
        config["channels"] = JsonNode.Parse($$"""
            [
              { "id": "ops-slack", "type": "slack", "urlSetting": "{{_prefix}}_SLACK_URL", "allowPrivateNetwork": true },
              { "id": "desk-teams", "type": "teams", "urlSetting": "{{_prefix}}_TEAMS_URL", "allowPrivateNetwork": true },
              { "id": "crm", "type": "webhook", "urlSetting": "{{_prefix}}_CRM_URL", "secretSetting": "{{_prefix}}_CRM_SECRET", "allowPrivateNetwork": true }
            ]
            """);
        foreach (var (id, channel) in new[] { ("ops", "ops-slack"), ("desk", "desk-teams"), ("crm", "crm") })
        {
            config["subscribers"]!.AsArray().Add(JsonNode.Parse($$"""{ "id": "{{id}}", "channels": ["{{channel}}"], "schedule": "instant", "watchlists": ["hamas-russia"] }"""));
        }

        await File.WriteAllTextAsync(_workspace.Config, config.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        foreach (var name in new[] { "SLACK_URL", "TEAMS_URL", "CRM_URL", "CRM_SECRET" })
        {
            Environment.SetEnvironmentVariable($"{_prefix}_{name}", null);
        }

        await _receiver.DisposeAsync();
        _workspace.Dispose();
    }

    private static bool Verifies(ChannelReceiver.Received request)
    {
        WebhookSignature.TryParseSecret(Secret, out var key, out _);
        return WebhookSignature.Verify(key, request.Header("webhook-id")!, request.Header("webhook-timestamp")!, request.Body, request.Header("webhook-signature")!);
    }

    [Fact]
    public async Task RunOnce_EveryDestinationGetsOneMessageNamingTheArticle_AndASecondRunSendsNothing()
    {
        var first = await CliRun.InvokeAsync(_workspace.RunArgs());
        var second = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("", first.Error);
        Assert.Contains("digests: 4", first.Output, StringComparison.Ordinal);
        var slack = Assert.Single(_receiver.To("slack"));
        Assert.Contains(SeedArticle.Title, slack.Json["blocks"]!.ToJsonString(ChannelJson.Options), StringComparison.Ordinal);
        Assert.Contains(SeedArticle.Title, (string)slack.Json["text"]!, StringComparison.Ordinal);
        var teams = Assert.Single(_receiver.To("teams"));
        Assert.Equal("AdaptiveCard", (string)teams.Json["attachments"]![0]!["content"]!["type"]!);
        Assert.Contains(TeamsMessage.Escape(SeedArticle.Title), teams.Text, StringComparison.Ordinal);
        var webhook = Assert.Single(_receiver.To("crm"));
        Assert.True(Verifies(webhook));
        Assert.Equal(SeedArticle.Title, (string)webhook.Json["data"]!["watchlists"]![0]!["stories"]![0]!["title"]!);
        var email = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.html")));
        Assert.Contains(SeedArticle.Title, email, StringComparison.Ordinal);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("digests: 0", second.Output, StringComparison.Ordinal);
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.Single(Directory.GetFiles(_workspace.Outbox, "*.eml"));
    }

    [Fact]
    public async Task RunOnce_WebhookAnswering503Once_GetsTheRetryWithTheSameIdAndAValidSignature()
    {
        _receiver.Answer("crm", 503, 204);

        var run = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(0, run.ExitCode);
        var requests = _receiver.To("crm");
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
        Assert.All(requests, r => Assert.True(Verifies(r)));
    }

    [Fact]
    public async Task RunOnce_WebhookRefusingWith400_IsAPermanentFailureNamedInTheRun_TheOthersStillGetIt_AndItIsNotRetried()
    {
        _receiver.Answer("crm", 400);

        var first = await CliRun.InvokeAsync(_workspace.RunArgs());
        var second = await CliRun.InvokeAsync(_workspace.RunArgs());

        Assert.Equal(3, first.ExitCode);
        Assert.Contains("channel:crm failed: Permanent: webhook channel 'crm' refused digest", first.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", first.Error, StringComparison.Ordinal);
        Assert.Single(_receiver.To("crm"));
        Assert.Single(_receiver.To("slack"));
        Assert.Single(_receiver.To("teams"));
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("crm", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterOneOfASubscribersChannelsRefused_NamesThatDestination_ExitThree()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(_workspace.Config))!;
        config["subscribers"]!.AsArray().Single(s => (string)s!["id"]! == "ops")!["channels"] = new JsonArray("ops-slack", "crm");
        await File.WriteAllTextAsync(_workspace.Config, config.ToJsonString());
        _receiver.Answer("crm", 400);

        var run = await CliRun.InvokeAsync(_workspace.RunArgs());
        var status = await CliRun.InvokeAsync("status", "--config", _workspace.Config, "--state", _workspace.State);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(2, _receiver.To("slack").Count + _receiver.To("teams").Count);
        Assert.Equal(3, status.ExitCode);
        Assert.Matches(@"digest \w+ for ops is failed: channel:crm: Permanent: webhook channel 'crm' refused digest \w+: HTTP 400", status.Output);
    }
}
