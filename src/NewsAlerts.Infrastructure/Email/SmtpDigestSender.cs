using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Email;

/// <summary>
/// Delivers digests over SMTP with MailKit, as the same MIME message the outbox writes. A failure to connect, and a
/// 4xx reply, are retried with backoff; a 5xx reply (an unknown mailbox, a refused sender) is permanent. A connection
/// that breaks after the message was handed over leaves the outcome unknown: not sent again (at most once).
/// </summary>
public sealed partial class SmtpDigestSender(
    IOptions<SmtpOptions> options,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<SmtpDigestSender> logger) : IDigestSender
{
    public const string ProviderName = "smtp";

    public string Name => ProviderName;

    public bool IsIdempotent => false;

    public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
    {
        var message = DigestMime.Create(email);
        var backoff = new RetryBackoff(deliveryOptions.Value, time);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                var reply = await SendOnceAsync(message, cancellationToken);
                return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [$"smtp:{message.MessageId}", reply]);
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
            {
                throw new DeliveryException(DeliveryFailure.Permanent, $"the SMTP server refused digest {email.Id}: {(int)ex.StatusCode} {ex.Message}", ex);
            }
            catch (SmtpCommandException ex)
            {
                reason = $"{(int)ex.StatusCode} {ex.Message}";
            }
            catch (NotConnectedException ex)
            {
                reason = ex.Message;
            }
            catch (AuthenticationException ex)
            {
                throw new DeliveryException(DeliveryFailure.Permanent, $"the SMTP server refused the login of {options.Value.Username}: {ex.Message}", ex);
            }

            if (attempt >= backoff.MaxAttempts)
            {
                throw new DeliveryException(DeliveryFailure.Transient, $"the SMTP server did not take digest {email.Id} after {attempt} attempts: {reason}");
            }

            LogRetrying(email.Id, attempt, reason);
            await backoff.WaitAsync(attempt, null, cancellationToken);
        }
    }

    /// <summary>One session: connect and log in (a failure there is retryable), then hand the message over.</summary>
    private async Task<string> SendOnceAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or TimeoutException or SslHandshakeException)
        {
            throw new NotConnectedException($"cannot connect to {settings.Host}:{settings.Port}: {ex.Message}", ex);
        }

        try
        {
            var reply = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return reply;
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.OutcomeUnknown, $"the SMTP connection broke while sending: {ex.Message}", ex);
        }
    }

    private sealed class NotConnectedException(string message, Exception inner) : Exception(message, inner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server did not take digest {DigestId} on attempt {Attempt} ({Reason}); retrying")]
    private partial void LogRetrying(string digestId, int attempt, string reason);
}
