using MimeKit;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Email;

/// <summary>A digest as a MIME message, the same for the outbox file and for SMTP.</summary>
public static class DigestMime
{
    public const string DigestIdHeader = "X-NewsAlerts-Digest-Id";

    /// <summary>multipart/alternative with the plain-text and HTML parts, and RFC 8058 one-click unsubscribe headers.</summary>
    public static MimeMessage Create(DigestEmail email)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = email.CreatedAt,
            MessageId = $"{email.Id}@newsalerts",
            Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(email.From.Name, email.From.Address));
        message.To.Add(new MailboxAddress(email.To.Name, email.To.Address));
        message.Headers.Add(DigestIdHeader, email.Id);
        if (email.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add(ListUnsubscribe.PostHeader, ListUnsubscribe.PostValue);
        }

        // 7-bit transfer encodings (quoted-printable) so that every mail client and relay reads the message the same way.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }
}

/// <summary>RFC 8058 one-click unsubscribe: the header a mailbox provider POSTs back, and its only value.</summary>
public static class ListUnsubscribe
{
    public const string Header = "List-Unsubscribe";

    public const string PostHeader = "List-Unsubscribe-Post";

    public const string PostValue = "List-Unsubscribe=One-Click";
}
