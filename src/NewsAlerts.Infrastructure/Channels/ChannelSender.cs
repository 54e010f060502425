using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>
/// Posts a digest to a Slack, Teams or webhook channel. The URL and the webhook secret are read from the settings
/// the channel names, and never logged (a Slack or Teams webhook URL is itself a credential). 429 and 5xx are
/// retried with backoff, honouring <c>Retry-After</c>; 3xx and other 4xx are permanent (a moved or refused endpoint
/// is fixed in config, not by retrying). A request that may have reached Slack or Teams (a timeout, a connection that
/// broke after sending) leaves the outcome unknown and is not repeated; a webhook is repeated with the same
/// <c>webhook-id</c>, which the receiver uses to drop the copy.
/// </summary>
public sealed partial class ChannelSender(
    IHttpClientFactory httpClients,
    IConfiguration settings,
    IOptions<ChannelOptions> options,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<ChannelSender> logger) : IChannelSender
{
    public const string PublicOnlyClient = "channels";

    public const string AllowPrivateClient = "channels-private";

    public bool IsIdempotent(ChannelConfig channel) => channel.Kind == ChannelType.Webhook;

    public async Task<DeliveryReceipt> SendAsync(ChannelConfig channel, DigestView digest, CancellationToken cancellationToken)
    {
        var request = Prepare(channel, digest);
        var client = httpClients.CreateClient(channel.AllowPrivateNetwork ? AllowPrivateClient : PublicOnlyClient);
        var backoff = new RetryBackoff(deliveryOptions.Value, time);
        for (var attempt = 1; ; attempt++)
        {
            var (status, reason, retryAfter) = await TrySendAsync(client, request, cancellationToken);
            if (status is >= 200 and < 300)
            {
                LogDelivered(digest.Key.DigestId, channel.Id, status.Value, attempt);
                return new DeliveryReceipt(digest.Key.DigestId, digest.Key.SubscriberId, Provider(channel), request.Receipt(status.Value));
            }

            if (status is { } refused && !RetryBackoff.IsRetryable(refused))
            {
                throw new DeliveryException(DeliveryFailure.Permanent, $"{Name(channel)} refused digest {digest.Key.DigestId}: {reason}");
            }

            if (attempt >= backoff.MaxAttempts)
            {
                throw new DeliveryException(DeliveryFailure.Transient, $"{Name(channel)} did not take digest {digest.Key.DigestId} after {attempt} attempts: {reason}");
            }

            LogRetrying(digest.Key.DigestId, channel.Id, attempt, reason);
            await backoff.WaitAsync(attempt, retryAfter, cancellationToken);
        }
    }

    /// <summary>The provider name the ledger records: <c>slack</c>, <c>teams</c> or <c>webhook</c>.</summary>
    public static string Provider(ChannelConfig channel) => channel.Kind.ToString().ToLowerInvariant();

    private static string Name(ChannelConfig channel) => $"{Provider(channel)} channel '{channel.Id}'";

    /// <summary>Resolves the settings and builds the body once; every problem here is permanent (fixed in config or settings).</summary>
    private Request Prepare(ChannelConfig channel, DigestView digest)
    {
        var url = Setting(channel, channel.UrlSetting, "urlSetting");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Misconfigured(channel, $"setting {channel.UrlSetting} (urlSetting) does not hold an http(s) URL");
        }

        if (uri.Scheme == "http" && !channel.AllowPrivateNetwork)
        {
            throw Misconfigured(channel, $"setting {channel.UrlSetting} (urlSetting) holds an http:// URL; use https (plain http is allowed only with allowPrivateNetwork)");
        }

        switch (channel.Kind)
        {
            case ChannelType.Slack:
                return new Request(uri, JsonSerializer.SerializeToUtf8Bytes(SlackMessage.Build(digest), ChannelJson.Options), null, null, Provider(channel), channel.Id);
            case ChannelType.Teams:
                return new Request(uri, JsonSerializer.SerializeToUtf8Bytes(TeamsMessage.Build(digest), ChannelJson.Options), null, null, Provider(channel), channel.Id);
            default:
                var secret = Setting(channel, channel.SecretSetting ?? "", "secretSetting");
                if (!WebhookSignature.TryParseSecret(secret, out var key, out var error))
                {
                    throw Misconfigured(channel, $"setting {channel.SecretSetting} (secretSetting) {error}");
                }

                return new Request(uri, WebhookPayload.Serialize(digest), "msg_" + digest.Key.DigestId, key, Provider(channel), channel.Id);
        }
    }

    /// <summary>A setting by the name the config gives (<c>__</c> and <c>:</c> both separate sections, as in app settings).</summary>
    private string Setting(ChannelConfig channel, string name, string field)
    {
        var value = string.IsNullOrWhiteSpace(name) ? null : settings[name.Replace("__", ":", StringComparison.Ordinal)];
        return string.IsNullOrWhiteSpace(value)
            ? throw Misconfigured(channel, string.IsNullOrWhiteSpace(name) ? $"{field} is not set in the config" : $"setting {name} ({field}) is not set")
            : value.Trim();
    }

    private static DeliveryException Misconfigured(ChannelConfig channel, string problem) =>
        new(DeliveryFailure.Permanent, $"{Name(channel)}: {problem}");

    private async Task<(int? Status, string Reason, TimeSpan? RetryAfter)> TrySendAsync(HttpClient client, Request request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var message = request.ToMessage(time.GetUtcNow());
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return (status, "accepted", null);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (status, $"HTTP {status} {RetryBackoff.TrimBody(body)}".TrimEnd(), RetryBackoff.RetryAfter(response.Headers, time));
        }
        catch (HttpRequestException ex) when (ex.InnerException is PrivateAddressRefusedException refused)
        {
            throw new DeliveryException(DeliveryFailure.Permanent, $"{request.Name}: {refused.Message}", ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            // Nothing reached the endpoint: safe to try again.
            return (null, $"cannot connect: {ex.Message}", null);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is OperationCanceledException ? $"no answer within {timeout}" : $"the connection broke after the request was sent: {ex.Message}";
            return request.WebhookId is not null
                ? (null, reason, null)
                : throw new DeliveryException(DeliveryFailure.OutcomeUnknown, $"{request.Name}: {reason}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered digest {DigestId} to channel {ChannelId}: HTTP {Status} on attempt {Attempt}")]
    private partial void LogDelivered(string digestId, string channelId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} did not take digest {DigestId} on attempt {Attempt} ({Reason}); retrying")]
    private partial void LogRetrying(string digestId, string channelId, int attempt, string reason);

    /// <summary>One channel delivery: the body built once, signed afresh per attempt when it is a webhook.</summary>
    private sealed record Request(Uri Url, byte[] Body, string? WebhookId, byte[]? Key, string Provider, string ChannelId)
    {
        public string Name => $"{Provider} channel '{ChannelId}'";

        public HttpRequestMessage ToMessage(DateTimeOffset now)
        {
            var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
            message.Headers.UserAgent.Add(FeedHttpClients.UserAgent);
            if (WebhookId is not null && Key is not null)
            {
                // A new timestamp per attempt (it guards receivers against replays), the same id (it lets them drop repeats).
                var timestamp = now.ToUnixTimeSeconds();
                message.Headers.Add(WebhookSignature.IdHeader, WebhookId);
                message.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
                message.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Key, WebhookId, timestamp, Body));
            }

            return message;
        }

        public IReadOnlyList<string> Receipt(int status) => WebhookId is null
            ? [$"{Provider}:{ChannelId}", $"HTTP {status}"]
            : [$"{Provider}:{ChannelId}", $"HTTP {status}", $"webhook-id {WebhookId}"];
    }
}
