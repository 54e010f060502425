using System.Globalization;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Email;

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

    public string Name => ProviderName;

    /// <summary>A digest id already in the folder is not written again, so a resend after a crash is harmless.</summary>
    public bool IsIdempotent => true;

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
        await WriteAtomicallyAsync(stem + ".eml", stream => DigestMime.Create(email).WriteToAsync(stream, cancellationToken));
        return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [stem + ".eml", stem + ".html"]);
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
