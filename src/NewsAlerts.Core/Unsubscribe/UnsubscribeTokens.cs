using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsAlerts.Core.Unsubscribe;

public enum TokenStatus
{
    Valid,

    /// <summary>Not a token at all: wrong shape or encoding.</summary>
    Malformed,

    /// <summary>Well formed, but not signed with our key.</summary>
    Forged,

    Expired,
}

/// <summary>What a token says, once checked; <see cref="Email"/> is set only for a valid or expired token.</summary>
public sealed record TokenCheck(TokenStatus Status, string? Email, DateTimeOffset? ExpiresAt);

/// <summary>
/// Signed unsubscribe tokens: <c>base64url(version, address, expiry) "." base64url(HMAC-SHA256)</c>. Nothing is
/// stored per token; a token names the address and is worthless without the key.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<UnsubscribeOptions> options, IOptions<NewsAlertsOptions> host, TimeProvider time)
{
    public const string KeyFileName = "unsubscribe.key";

    private const string Version = "1";

    private readonly Lazy<byte[]> _key = new(() => LoadKey(options.Value.Secret, host.Value.StatePath));

    public string Create(string email)
    {
        var expires = time.GetUtcNow().Add(options.Value.TokenLifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}\n{email}\n{expires}"));
        return $"{Base64Url(payload)}.{Base64Url(Sign(payload))}";
    }

    /// <summary>
    /// The link an email carries for <paramref name="email"/>: <c>NewsAlerts:Unsubscribe:BaseUrl</c> when set, else the
    /// Functions app's <c>/api/unsubscribe</c> under <c>NewsAlerts:PublicBaseUrl</c>; null when neither is set (no
    /// address on the internet answers unsubscribe requests).
    /// </summary>
    public Uri? LinkFor(string email)
    {
        var baseUrl = !string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? options.Value.BaseUrl
            : !string.IsNullOrWhiteSpace(host.Value.PublicBaseUrl) ? $"{host.Value.PublicBaseUrl.TrimEnd('/')}/api/unsubscribe"
            : null;
        if (baseUrl is null)
        {
            return null;
        }

        var separator = baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri($"{baseUrl}{separator}token={Uri.EscapeDataString(Create(email))}");
    }

    /// <summary>The command that unsubscribes <paramref name="email"/> on the machine that keeps the state (CLI-only installs).</summary>
    public string CommandFor(string email) => $"newsalerts unsubscribe {Create(email)}";

    public TokenCheck Check(string? token)
    {
        var parts = (token ?? "").Trim().Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out var payload) || !TryDecode(parts[1], out var signature))
        {
            return new TokenCheck(TokenStatus.Malformed, null, null);
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return new TokenCheck(TokenStatus.Forged, null, null);
        }

        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        if (fields.Length != 3 || fields[0] != Version || !long.TryParse(fields[2], CultureInfo.InvariantCulture, out var seconds))
        {
            return new TokenCheck(TokenStatus.Malformed, null, null);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var status = time.GetUtcNow() >= expiresAt ? TokenStatus.Expired : TokenStatus.Valid;
        return new TokenCheck(status, fields[1], expiresAt);
    }

    /// <summary>
    /// An HMAC of <paramref name="value"/> under the same key, labelled with <paramref name="purpose"/> so that it can
    /// never pass for an unsubscribe token or a token of another purpose (feed links use it).
    /// </summary>
    public byte[] Sign(string purpose, string value) => Sign(Encoding.UTF8.GetBytes($"{purpose}\n{value}"));

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key.Value, payload);

    private static byte[] LoadKey(string? secret, string statePath)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            return Encoding.UTF8.GetBytes(secret);
        }

        var path = Path.Combine(statePath, KeyFileName);
        Directory.CreateDirectory(statePath);
        try
        {
            // CreateNew: two processes starting at once agree on the first key written.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            var key = RandomNumberGenerator.GetBytes(32);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        bytes = new byte[base64.Length];
        if (text.Length == 0 || !Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
