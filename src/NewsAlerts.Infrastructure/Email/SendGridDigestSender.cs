using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace NewsAlerts.Infrastructure.Email;

/// <summary>
/// Delivers digests through SendGrid's v3 Mail Send API. 429, 5xx and failed connections are retried with backoff
/// (honouring Retry-After); any other 4xx (an invalid address, a bad request) is a permanent failure. SendGrid has
/// no idempotency key, so once a request may have reached it (a timeout, a broken response) the outcome is unknown
/// and the digest is not sent again: at most once, with a critical log from <c>DigestDelivery</c>.
/// </summary>
public sealed partial class SendGridDigestSender(
    IHttpClientFactory httpClients,
    IOptions<SendGridOptions> options,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<SendGridDigestSender> logger) : IDigestSender
{
    public const string ProviderName = "sendgrid";

    public const string HttpClientName = "SendGrid";

    /// <summary>The <c>custom_args</c> key that carries the digest id into SendGrid's event webhook and activity feed.</summary>
    public const string DigestIdArg = "digest_id";

    public string Name => ProviderName;

    public bool IsIdempotent => false;

    public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.Host.TrimEnd('/') });
        var message = Message(email, settings);
        var backoff = new RetryBackoff(deliveryOptions.Value, time);
        for (var attempt = 1; ; attempt++)
        {
            var (response, reason, retryAfter) = await TrySendAsync(client, message, settings.Timeout, cancellationToken);
            if (response is { IsSuccessStatusCode: true })
            {
                var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [messageId is null ? $"sendgrid:{email.Id}" : $"sendgrid:{messageId}"]);
            }

            if (response is not null && !RetryBackoff.IsRetryable((int)response.StatusCode))
            {
                throw new DeliveryException(DeliveryFailure.Permanent, $"SendGrid refused digest {email.Id}: {reason}");
            }

            if (attempt >= backoff.MaxAttempts)
            {
                throw new DeliveryException(DeliveryFailure.Transient, $"SendGrid did not take digest {email.Id} after {attempt} attempts: {reason}");
            }

            LogRetrying(email.Id, attempt, reason);
            await backoff.WaitAsync(attempt, retryAfter, cancellationToken);
        }
    }

    /// <summary>The request: one personalization, both parts, categories, the digest id and RFC 8058 unsubscribe headers.</summary>
    public static SendGridMessage Message(DigestEmail email, SendGridOptions settings)
    {
        var message = new SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(email.From.Address, email.From.Name),
            Subject = email.Subject,
            PlainTextContent = email.Text,
            HtmlContent = email.Html,
        };
        message.AddTo(new SendGrid.Helpers.Mail.EmailAddress(email.To.Address, email.To.Name));
        var categories = settings.Categories.Concat([email.Urgent ? "urgent" : "scheduled"]).Distinct(StringComparer.Ordinal).ToList();
        message.AddCategories(categories);
        message.AddCustomArg(DigestIdArg, email.Id);
        message.AddCustomArg("subscriber_id", email.SubscriberId);
        if (email.UnsubscribeUrl is { } unsubscribe)
        {
            message.AddHeader(ListUnsubscribe.Header, $"<{unsubscribe.AbsoluteUri}>");
            message.AddHeader(ListUnsubscribe.PostHeader, ListUnsubscribe.PostValue);
        }

        if (settings.UnsubscribeGroupId is { } group)
        {
            message.SetAsm(group);
        }

        if (settings.SandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        return message;
    }

    private async Task<(Response? Response, string Reason, TimeSpan? RetryAfter)> TrySendAsync(
        SendGridClient client, SendGridMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var response = await client.SendEmailAsync(message, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                return (response, "accepted", null);
            }

            var body = await response.Body.ReadAsStringAsync(cancellationToken);
            var reason = $"HTTP {(int)response.StatusCode} {RetryBackoff.TrimBody(body)}";
            var retryAfter = RetryBackoff.RetryAfter(response.Headers, time);
            return (response, reason, retryAfter);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            // Nothing reached SendGrid: safe to try again.
            return (null, $"cannot connect: {ex.Message}", null);
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryException(DeliveryFailure.OutcomeUnknown, $"the connection to SendGrid broke after the request was sent: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.OutcomeUnknown, $"SendGrid did not answer within {timeout}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid did not take digest {DigestId} on attempt {Attempt} ({Reason}); retrying")]
    private partial void LogRetrying(string digestId, int attempt, string reason);
}
