using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Channels;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Channels;

/// <summary>The channel sender against real HTTP endpoints on 127.0.0.1, checking each request as it arrived.</summary>
public sealed class ChannelSenderTests : IAsyncLifetime
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private ChannelReceiver _receiver = null!;
    private DigestView _digest = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ChannelReceiver.StartAsync();
        _digest = await SeedDigest.ViewAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static ChannelConfig Channel(string type, string id = "c", bool allowPrivateNetwork = true) => new()
    {
        Id = id,
        Type = type,
        UrlSetting = "HOOK_URL",
        SecretSetting = type == "webhook" ? "HOOK_SECRET" : null,
        AllowPrivateNetwork = allowPrivateNetwork,
    };

    private ChannelSender Sender(string endpoint, string? secret = Secret, TimeSpan? timeout = null, int maxAttempts = 3)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HOOK_URL"] = _receiver.Url(endpoint).AbsoluteUri, ["HOOK_SECRET"] = secret })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(settings);
        services.AddChannelSenders();
        var provider = services.BuildServiceProvider();
        return new ChannelSender(
            provider.GetRequiredService<IHttpClientFactory>(),
            settings,
            Options.Create(new ChannelOptions { Timeout = timeout ?? TimeSpan.FromSeconds(30) }),
            Options.Create(new DeliveryOptions { MaxAttempts = maxAttempts, RetryBaseDelay = TimeSpan.FromMilliseconds(50) }),
            TimeProvider.System,
            NullLogger<ChannelSender>.Instance);
    }

    [Fact]
    public async Task Slack_PostsBlockKitJson_AndReceiptNamesTheChannelNotTheUrl()
    {
        var receipt = await Sender("slack").SendAsync(Channel("slack", "ops-slack"), _digest, CancellationToken.None);

        var request = Assert.Single(_receiver.To("slack"));
        Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
        Assert.Contains(SeedArticle.Title, request.Json["blocks"]!.ToJsonString(ChannelJson.Options), StringComparison.Ordinal);
        Assert.Equal(["slack:ops-slack", "HTTP 200"], receipt.Locations);
        Assert.DoesNotContain(receipt.Locations, l => l.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teams_PostsAnAdaptiveCardAttachment()
    {
        await Sender("teams").SendAsync(Channel("teams"), _digest, CancellationToken.None);

        var body = Assert.Single(_receiver.To("teams")).Json;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)body["attachments"]![0]!["contentType"]!);
        Assert.Equal("AdaptiveCard", (string)body["attachments"]![0]!["content"]!["type"]!);
    }

    [Fact]
    public async Task Webhook_IsSignedAsStandardWebhooksSays_AndTheSignatureVerifiesWithTheKnownSecret()
    {
        var receipt = await Sender("hook").SendAsync(Channel("webhook"), _digest, CancellationToken.None);

        var request = Assert.Single(_receiver.To("hook"));
        Assert.Equal($"msg_{_digest.Key.DigestId}", request.Header("webhook-id"));
        Assert.True(long.Parse(request.Header("webhook-timestamp")!, System.Globalization.CultureInfo.InvariantCulture) > 1_700_000_000);
        Assert.StartsWith("v1,", request.Header("webhook-signature"), StringComparison.Ordinal);
        WebhookSignature.TryParseSecret(Secret, out var key, out _);
        Assert.True(WebhookSignature.Verify(key, request.Header("webhook-id")!, request.Header("webhook-timestamp")!, request.Body, request.Header("webhook-signature")!));
        Assert.Equal(_digest.Key.DigestId, (string)request.Json["data"]!["id"]!);
        Assert.Contains($"webhook-id msg_{_digest.Key.DigestId}", receipt.Locations);
    }

    [Fact]
    public async Task Webhook_503ThenOk_RetriesWithTheSameIdAndAFreshValidSignature_AfterRetryAfter()
    {
        _receiver.Answer("hook", 503, 200);
        _receiver.RetryAfter = "1";

        await Sender("hook").SendAsync(Channel("webhook"), _digest, CancellationToken.None);

        var requests = _receiver.To("hook");
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
        Assert.Equal(requests[0].Body, requests[1].Body);
        WebhookSignature.TryParseSecret(Secret, out var key, out _);
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(key, r.Header("webhook-id")!, r.Header("webhook-timestamp")!, r.Body, r.Header("webhook-signature")!)));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), "waited for Retry-After: 1");
    }

    [Theory]
    [InlineData("slack", 400)]
    [InlineData("teams", 404)]
    [InlineData("webhook", 410)]
    [InlineData("webhook", 301)]
    public async Task ClientErrorOrRedirect_IsPermanentAndNotRetried(string type, int status)
    {
        _receiver.Answer(type, status);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender(type).SendAsync(Channel(type), _digest, CancellationToken.None));

        Assert.Equal(DeliveryFailure.Permanent, failure.Failure);
        Assert.Contains($"HTTP {status}", failure.Message, StringComparison.Ordinal);
        Assert.Single(_receiver.To(type));
    }

    [Fact]
    public async Task TooManyRequestsThroughout_RetriesThenFailsTransient()
    {
        _receiver.Answer("slack", 429);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender("slack").SendAsync(Channel("slack"), _digest, CancellationToken.None));

        Assert.Equal(DeliveryFailure.Transient, failure.Failure);
        Assert.Equal(3, _receiver.To("slack").Count);
    }

    [Fact]
    public async Task Slack_NoAnswerWithinTimeout_OutcomeUnknownAndNotRetried()
    {
        await Sender("slack").SendAsync(Channel("slack"), _digest, CancellationToken.None); // warm-up: JIT and Kestrel
        _receiver.Answer("slack", 200, ChannelReceiver.Hang);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender("slack", timeout: TimeSpan.FromSeconds(1)).SendAsync(Channel("slack"), _digest, CancellationToken.None));

        Assert.Equal(DeliveryFailure.OutcomeUnknown, failure.Failure);
        Assert.Equal(2, _receiver.To("slack").Count);
    }

    [Fact]
    public async Task Webhook_NoAnswerWithinTimeout_IsRetriedWithTheSameId()
    {
        await Sender("hook").SendAsync(Channel("webhook"), _digest, CancellationToken.None); // warm-up: JIT and Kestrel
        _receiver.Answer("hook", 200, ChannelReceiver.Hang, 200);

        await Sender("hook", timeout: TimeSpan.FromSeconds(1)).SendAsync(Channel("webhook"), _digest, CancellationToken.None);

        var requests = _receiver.To("hook");
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Header("webhook-id")).Distinct());
    }

    [Fact]
    public async Task PrivateAddressWithoutAllowPrivateNetwork_IsRefusedBySsrfGuardAsPermanent()
    {
        var failure = await Assert.ThrowsAsync<DeliveryException>(() =>
            Sender("hook").SendAsync(Channel("webhook", allowPrivateNetwork: false) with { UrlSetting = "HOOK_URL" }, _digest, CancellationToken.None));

        Assert.Equal(DeliveryFailure.Permanent, failure.Failure);
        Assert.Empty(_receiver.Requests);
    }

    [Theory]
    [InlineData(null, "setting HOOK_SECRET (secretSetting) is not set")]
    [InlineData("whsec_c2hvcnQ=", "setting HOOK_SECRET (secretSetting) holds a 5-byte key")]
    public async Task Webhook_MissingOrBadSecret_IsPermanentNamingTheSettingAndSendsNothing(string? secret, string message)
    {
        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender("hook", secret).SendAsync(Channel("webhook", "crm"), _digest, CancellationToken.None));

        Assert.Equal(DeliveryFailure.Permanent, failure.Failure);
        Assert.StartsWith($"webhook channel 'crm': {message}", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task UnsetUrlSetting_IsPermanentNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<DeliveryException>(() =>
            Sender("slack").SendAsync(Channel("slack", "ops") with { UrlSetting = "SLACK_OPS_URL" }, _digest, CancellationToken.None));

        Assert.Equal("slack channel 'ops': setting SLACK_OPS_URL (urlSetting) is not set", failure.Message);
    }
}
