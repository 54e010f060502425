using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.Infrastructure.Email;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Email;

/// <summary>The SMTP sender against a real MailDev process on 127.0.0.1, read back over MailDev's REST API.</summary>
public sealed class SmtpDigestSenderTests
{
    private static SmtpDigestSender Sender(string host, int port) => new(
        Options.Create(new SmtpOptions { Host = host, Port = port, Security = SecureSocketOptions.None, Timeout = TimeSpan.FromSeconds(10) }),
        Options.Create(new DeliveryOptions { MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(50) }),
        TimeProvider.System,
        NullLogger<SmtpDigestSender>.Instance);

    private static async Task<List<MimeMessage>> ReceivedAsync(MailDevServer server)
    {
        var messages = new List<MimeMessage>();
        foreach (var source in await server.GetMessagesAsync())
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(source));
            messages.Add(await MimeMessage.LoadAsync(stream));
        }

        return messages;
    }

    [Fact]
    public async Task Send_ToSmtpServer_DeliversBothPartsAndOneClickUnsubscribe()
    {
        await using var maildev = await MailDevServer.StartAsync();
        var email = DigestEmails.Build();

        var receipt = await Sender(maildev.Host, maildev.SmtpPort).SendAsync(email, CancellationToken.None);

        var message = Assert.Single(await ReceivedAsync(maildev));
        Assert.Equal(email.Subject, message.Subject);
        Assert.Equal("sam@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("alerts@example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal(email.Text, message.TextBody?.TrimEnd());
        Assert.Equal(email.Html, message.HtmlBody?.TrimEnd());
        Assert.Equal("<https://alerts.example.com/api/unsubscribe?token=abc.def>", message.Headers[ListUnsubscribe.Header]);
        Assert.Equal(ListUnsubscribe.PostValue, message.Headers[ListUnsubscribe.PostHeader]);
        Assert.Equal(email.Id, message.Headers[DigestMime.DigestIdHeader]);
        Assert.Equal(SmtpDigestSender.ProviderName, receipt.Provider);
    }

    [Fact]
    public async Task Send_ServerRefusesTheMessage_PermanentAndNotRetried()
    {
        await using var maildev = await MailDevServer.StartAsync("--max-message-size", "200");

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender(maildev.Host, maildev.SmtpPort).SendAsync(DigestEmails.Build(), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Permanent, failure.Failure);
        Assert.Contains("552", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await ReceivedAsync(maildev));
    }

    [Fact]
    public async Task Send_NoServerListening_RetriesThenFailsTransient()
    {
        int port;
        await using (var stopped = await MailDevServer.StartAsync())
        {
            port = stopped.SmtpPort;
        }

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => Sender("127.0.0.1", port).SendAsync(DigestEmails.Build(), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Transient, failure.Failure);
        Assert.Contains("after 3 attempts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestJob_RunTwiceOverSmtp_DeliversTheDigestOnce()
    {
        await using var maildev = await MailDevServer.StartAsync();
        var harness = new DigestHarness(new ConfigBuilder().WithSubscriber("sam").Build(), Sender(maildev.Host, maildev.SmtpPort));
        await harness.AddAlertAsync("sam", new ArticleBuilder().WithId("a1").WithTitle("Hamas delegation visits Moscow").Build());
        var key = DigestKey.Scheduled("sam", ScheduleKind.Daily, harness.Time.GetUtcNow());

        var first = await harness.Delivery.SendAsync(key, CancellationToken.None);
        var second = await harness.Delivery.SendAsync(key, CancellationToken.None);

        Assert.True(first.SentNow);
        Assert.False(second.SentNow);
        var message = Assert.Single(await ReceivedAsync(maildev));
        Assert.Contains("Hamas delegation visits Moscow", message.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://alerts.example.com/api/unsubscribe?token=", message.Headers[ListUnsubscribe.Header], StringComparison.Ordinal);
    }
}
