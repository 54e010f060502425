using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsAlerts.Core;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Outbox;

/// <summary>
/// The local delivery provider: writes each digest to the outbox folder as an <c>.eml</c> file (open it in any mail
/// client) and an <c>.html</c> file (open it in a browser). Files appear whole or not at all, and a digest id that
/// is already in the outbox is not written twice.
/// </summary>
public sealed class OutboxDigestSender(IOptions<NewsAlertsOptions> options) : IDigestSender
{
    public const string ProviderName = "outbox";

    private readonly string _folder = options.Value.OutboxPath;

    public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var existing = Directory.EnumerateFiles(_folder, $"*-{email.Id}.eml").FirstOrDefault();
        if (existing is not null)
        {
            return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [existing, Path.ChangeExtension(existing, ".html")]);
        }

        var stem = Path.Combine(_folder, $"{email.CreatedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{email.SubscriberId}-{email.Id}");
        await WriteAtomicallyAsync(stem + ".html", stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(email.Html), cancellationToken).AsTask());
        await WriteAtomicallyAsync(stem + ".eml", stream => ToMime(email).WriteToAsync(stream, cancellationToken));
        return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [stem + ".eml", stem + ".html"]);
    }

    /// <summary>The digest as a MIME message: multipart/alternative with the plain-text and HTML parts.</summary>
    public static MimeMessage ToMime(DigestEmail email)
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
        message.Headers.Add("X-NewsAlerts-Digest-Id", email.Id);

        // 7-bit transfer encodings (quoted-printable) so that every mail client and relay reads the file the same way.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write)
    {
        var temporary = path + ".partial";
        await using (var stream = File.Create(temporary))
        {
            await write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
