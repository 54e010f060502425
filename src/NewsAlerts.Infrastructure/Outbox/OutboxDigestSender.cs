using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Email;

namespace NewsAlerts.Infrastructure.Outbox;

/// <summary>
/// The local delivery provider: writes each digest to the outbox folder as an <c>.eml</c> file (open it in any mail
/// client) and an <c>.html</c> file (open it in a browser). A digest is whole or absent: both files are written under
/// <c>.partial</c> names, flushed to disk, then renamed, the <c>.html</c> first and the <c>.eml</c> last, so a digest
/// whose <c>.eml</c> is there is complete. A digest id that is already in the outbox is not written twice.
/// </summary>
/// <remarks>
/// A process killed while writing leaves <c>.partial</c> files or an <c>.html</c> without its <c>.eml</c>. The writer
/// holds its <c>.eml.partial</c> open with an exclusive lock until it is renamed, so a leftover nobody holds is one whose
/// writer died: the first send of each process removes every such leftover, and each send removes its own digest's
/// before writing it again. A live writer's files are never touched, so concurrent runs on one outbox are safe.
/// </remarks>
public sealed class OutboxDigestSender(IOptions<NewsAlertsOptions> options) : IDigestSender
{
    public const string ProviderName = "outbox";

    private const string Partial = ".partial";

    private readonly string _folder = options.Value.OutboxPath;
    private int _swept;

    public string Name => ProviderName;

    /// <summary>A digest id already in the folder is not written again, so a resend after a crash is harmless.</summary>
    public bool IsIdempotent => true;

    public async Task<DeliveryReceipt> SendAsync(DigestEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            RemoveLeftovers("*");
        }

        var id = SafeName(email.Id);
        if (Directory.EnumerateFiles(_folder, $"*-{id}.eml").FirstOrDefault() is { } existing)
        {
            return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [existing, Path.ChangeExtension(existing, ".html")]);
        }

        RemoveLeftovers($"*-{id}");
        var stem = Path.Combine(_folder, $"{email.CreatedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{SafeName(email.SubscriberId)}-{id}");
        await using (var html = OpenPartial(stem + ".html"))
        await using (var eml = OpenPartial(stem + ".eml"))
        {
            await html.WriteAsync(Encoding.UTF8.GetBytes(email.Html), cancellationToken);
            html.Flush(flushToDisk: true);
            await DigestMime.Create(email).WriteToAsync(eml, cancellationToken);
            eml.Flush(flushToDisk: true);
            File.Move(stem + ".html" + Partial, stem + ".html", overwrite: true);
            File.Move(stem + ".eml" + Partial, stem + ".eml", overwrite: true); // the digest is delivered from here on
        }

        return new DeliveryReceipt(email.Id, email.SubscriberId, ProviderName, [stem + ".eml", stem + ".html"]);
    }

    /// <summary>
    /// A file name part made from an id: letters, digits, '.', '_' and '-' kept, anything else (a path separator, '..'
    /// tricks, wildcards) replaced, so a digest always lands inside the outbox whatever the id.
    /// </summary>
    public static string SafeName(string id)
    {
        var safe = new StringBuilder(Math.Min(id.Length, 64));
        foreach (var c in id.AsSpan(0, Math.Min(id.Length, 64)))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : c == '.' && safe.Length > 0 ? '.' : '_');
        }

        return safe.Length == 0 ? "_" : safe.ToString();
    }

    /// <summary>
/// Opens a <c>.partial</c> file with an exclusive lock that marks its writer alive until it closes it; renaming it
/// is still allowed, so the lock outlives the rename.
/// </summary>
    private static FileStream OpenPartial(string path) =>
        new(path + Partial, FileMode.Create, FileAccess.Write, FileShare.Delete);

    /// <summary>Removes what writers that died left behind among the files matching <paramref name="stemPattern"/>.</summary>
    private void RemoveLeftovers(string stemPattern)
    {
        foreach (var partial in Directory.EnumerateFiles(_folder, stemPattern + ".*" + Partial).ToList())
        {
            TryRemoveUnheld(partial);
        }

        foreach (var html in Directory.EnumerateFiles(_folder, stemPattern + ".html").ToList())
        {
            // Unheld partials are gone by now, and a writer renames its .eml.partial to .eml while holding it: an .html
            // with neither next to it was left by a writer that died between its two renames.
            var eml = Path.ChangeExtension(html, ".eml");
            if (!File.Exists(eml + Partial) && !File.Exists(eml))
            {
                File.Delete(html);
            }
        }
    }

    private static void TryRemoveUnheld(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None))
            {
            }

            File.Delete(path);
        }
        catch (IOException)
        {
            // Held by a live writer (or already gone): not a leftover.
        }
    }
}
