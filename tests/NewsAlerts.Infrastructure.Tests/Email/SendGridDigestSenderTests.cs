using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Infrastructure.Email;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Email;

public sealed class SendGridDigestSenderTests
{
    private const string ApiKey = "SG.test-key";

    private static SendGridDigestSender Sender(FakeSendGrid fake, Action<SendGridOptions>? configure = null, DeliveryOptions? delivery = null)
    {
        var options = new SendGridOptions { ApiKey = ApiKey, Host = fake.BaseAddress.AbsoluteUri };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddHttpClient(SendGridDigestSender.HttpClientName);
        var httpClients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new SendGridDigestSender(
            httpClients,
            Options.Create(options),
            Options.Create(delivery ?? new DeliveryOptions { MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(100) }),
            TimeProvider.System,
            NullLogger<SendGridDigestSender>.Instance);
    }

    [Fact]
    public async Task Send_Accepted_PostsTheWholeDigestOnce()
    {
        await using var fake = await FakeSendGrid.StartAsync(202);
        var email = DigestEmails.Build();

        var receipt = await Sender(fake).SendAsync(email, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        var body = request.Body;
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        var personalization = Assert.Single(body["personalizations"]!.AsArray())!;
        Assert.Equal("sam@example.com", personalization["to"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("Sam Example", personalization["to"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("alerts@example.com", body["from"]!["email"]!.GetValue<string>());
        Assert.Equal("NewsAlerts", body["from"]!["name"]!.GetValue<string>());
        Assert.Equal(email.Subject, body["subject"]!.GetValue<string>());
        var content = body["content"]!.AsArray().ToDictionary(c => c!["type"]!.GetValue<string>(), c => c!["value"]!.GetValue<string>());
        Assert.Equal(email.Text, content["text/plain"]);
        Assert.Equal(email.Html, content["text/html"]);
        Assert.Equal(["newsalerts", "digest", "scheduled"], body["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(email.Id, CustomArgs(body)[SendGridDigestSender.DigestIdArg]);
        var headers = Headers(body);
        Assert.Equal("<https://alerts.example.com/api/unsubscribe?token=abc.def>", headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        Assert.Null(body["asm"]);
        Assert.Null(body["mail_settings"]);
        Assert.Equal(["sendgrid:msg-0"], receipt.Locations);
        Assert.Equal(SendGridDigestSender.ProviderName, receipt.Provider);
    }

    [Fact]
    public async Task Send_GroupAndSandboxConfigured_RequestCarriesThem()
    {
        await using var fake = await FakeSendGrid.StartAsync(200);

        await Sender(fake, o => { o.UnsubscribeGroupId = 4242; o.SandboxMode = true; }).SendAsync(DigestEmails.Build(urgent: true), CancellationToken.None);

        var body = Assert.Single(fake.Requests).Body;
        Assert.Equal(4242, body["asm"]!["group_id"]!.GetValue<int>());
        Assert.True(body["mail_settings"]!["sandbox_mode"]!["enable"]!.GetValue<bool>());
        Assert.Contains("urgent", body["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Send_TooManyRequestsThenAccepted_RetriesAfterRetryAfter()
    {
        await using var fake = await FakeSendGrid.StartAsync(new FakeSendGrid([429, 202]) { RetryAfter = "1" });

        var receipt = await Sender(fake).SendAsync(DigestEmails.Build(), CancellationToken.None);

        Assert.Equal(2, fake.Requests.Count);
        Assert.True(fake.Requests[1].At - fake.Requests[0].At >= TimeSpan.FromMilliseconds(900), "waited for Retry-After: 1");
        Assert.Equal(["sendgrid:msg-1"], receipt.Locations);
    }

    [Fact]
    public async Task Send_ServerErrorsThroughout_RetriesWithGrowingBackoffThenFailsTransient()
    {
        await using var fake = await FakeSendGrid.StartAsync(503);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender(fake).SendAsync(DigestEmails.Build(), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Transient, failure.Failure);
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        var at = fake.Requests.Select(r => r.At).ToList();
        Assert.Equal(3, at.Count);
        Assert.True(at[1] - at[0] >= TimeSpan.FromMilliseconds(100));
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(200), "the second wait doubles the first");
    }

    [Fact]
    public async Task Send_ServerErrorThenAccepted_Delivers()
    {
        await using var fake = await FakeSendGrid.StartAsync(500, 502, 202);

        var receipt = await Sender(fake).SendAsync(DigestEmails.Build(), CancellationToken.None);

        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal(["sendgrid:msg-2"], receipt.Locations);
    }

    [Fact]
    public async Task Send_BadRequest_IsPermanentAndNotRetried()
    {
        await using var fake = await FakeSendGrid.StartAsync(400);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender(fake).SendAsync(DigestEmails.Build(to: "not-an-address"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Permanent, failure.Failure);
        Assert.Contains("personalizations.0.to.0.email", failure.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Send_NoAnswerWithinTimeout_OutcomeUnknownAndNotRetried()
    {
        // A first send warms up (JIT) the client and Kestrel, which on a loaded machine can take longer than the timeout.
        await using (var warmUp = await FakeSendGrid.StartAsync(202))
        {
            await Sender(warmUp).SendAsync(DigestEmails.Build(), CancellationToken.None);
        }

        await using var fake = await FakeSendGrid.StartAsync(new FakeSendGrid([202]) { Delay = TimeSpan.FromSeconds(10) });

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender(fake, o => o.Timeout = TimeSpan.FromSeconds(4)).SendAsync(DigestEmails.Build(), CancellationToken.None));

        Assert.Equal(DeliveryFailure.OutcomeUnknown, failure.Failure);
        // On a loaded machine the server may count the request only after the client gave up: wait for it, then
        // check that no second try followed.
        for (var waited = 0; fake.Arrivals == 0 && waited < 50; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500);
        Assert.Equal(1, fake.Arrivals);
    }

    [Fact]
    public async Task Send_NothingListening_RetriesThenFailsTransient()
    {
        var fake = await FakeSendGrid.StartAsync(202);
        var sender = Sender(fake);
        await fake.DisposeAsync();

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => sender.SendAsync(DigestEmails.Build(), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Transient, failure.Failure);
        Assert.Contains("after 3 attempts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestJob_BadRequest_RecordedAsPermanentFailureAndNeverResent()
    {
        await using var fake = await FakeSendGrid.StartAsync(400);
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam").Build(), Sender(fake));
        await harness.AddAlertAsync("sam", new ArticleBuilder().WithId("a1").Build());
        var key = DigestKey.Scheduled("sam", ScheduleKind.Daily, harness.Time.GetUtcNow());

        var first = await harness.Delivery.SendAsync(key, CancellationToken.None);
        var again = await harness.Delivery.SendAsync(key, CancellationToken.None);

        Assert.Equal(DeliveryState.Failed, first.State);
        var record = await harness.Ledger.GetAsync("sam", key.DigestId, CancellationToken.None);
        Assert.Equal(DeliveryState.Failed, record!.State);
        Assert.StartsWith(nameof(DeliveryFailure.Permanent), record.Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Failed, again.State);
        Assert.Single(fake.Requests);
        Assert.DoesNotContain(await harness.Alerts.GetPendingAsync("sam", CancellationToken.None), a => a.ArticleId == "a1");
    }

    private static Dictionary<string, string> CustomArgs(JsonNode body) =>
        (body["custom_args"] ?? body["personalizations"]![0]!["custom_args"])!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static Dictionary<string, string> Headers(JsonNode body) =>
        (body["headers"] ?? body["personalizations"]![0]!["headers"])!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
}
