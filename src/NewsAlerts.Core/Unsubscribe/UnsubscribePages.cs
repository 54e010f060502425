using System.Net;

namespace NewsAlerts.Core.Unsubscribe;

/// <summary>An HTTP answer to an unsubscribe request: status code and a small self-contained HTML page.</summary>
public sealed record UnsubscribePage(int StatusCode, string Html);

/// <summary>
/// The unsubscribe endpoint's behaviour, free of any HTTP framework: GET shows a confirmation with a POST form (a
/// GET never unsubscribes, since mail scanners follow links); POST unsubscribes (RFC 8058 one-click sends
/// <c>List-Unsubscribe=One-Click</c> to the same URL). Forged and malformed tokens get 400, expired ones 410.
/// </summary>
public sealed class UnsubscribeEndpoint(UnsubscribeService service)
{
    public UnsubscribePage Confirm(string? token)
    {
        var check = service.Check(token);
        if (check.Status != TokenStatus.Valid)
        {
            return Refused(check.Status);
        }

        var form = $"""
            <p>Stop sending NewsAlerts digests to <strong>{Encode(check.Email!)}</strong>?</p>
            <form method="post" action="?token={Encode(Uri.EscapeDataString(token!.Trim()))}">
            <input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit" style="font-size:16px;padding:8px 16px;">Unsubscribe</button>
            </form>
            """;
        return new UnsubscribePage(200, Page("Unsubscribe from NewsAlerts", form));
    }

    public async Task<UnsubscribePage> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var result = await service.UnsubscribeAsync(token, cancellationToken);
        return result.Succeeded
            ? new UnsubscribePage(200, Page("Unsubscribed", $"<p><strong>{Encode(result.Email!)}</strong> will get no more NewsAlerts digests.</p>"))
            : Refused(result.Status);
    }

    private static UnsubscribePage Refused(TokenStatus status) => status == TokenStatus.Expired
        ? new UnsubscribePage(410, Page("Link expired", "<p>This unsubscribe link has expired. Use the link in a more recent digest.</p>"))
        : new UnsubscribePage(400, Page("Invalid link", "<p>This unsubscribe link is not valid. Use the link exactly as it appears in a digest.</p>"));

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
        <body style="font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:40px auto;padding:0 16px;color:#18181b;"><h1 style="font-size:22px;">{title}</h1>
        {body}
        </body></html>
        """;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
