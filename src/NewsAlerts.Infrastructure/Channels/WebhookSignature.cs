using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>
/// Standard Webhooks 1.0 symmetric signatures (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md):
/// <c>webhook-signature: v1,base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))</c>, where the key is
/// the secret <c>whsec_&lt;base64&gt;</c> without its prefix, base64-decoded (24 to 64 bytes).
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";

    public const string TimestampHeader = "webhook-timestamp";

    public const string SignatureHeader = "webhook-signature";

    public const string SecretPrefix = "whsec_";

    public const int MinKeyBytes = 24;

    public const int MaxKeyBytes = 64;

    /// <summary>Reads a <c>whsec_</c> secret (the prefix may be left out); false with a reason when it is not one.</summary>
    public static bool TryParseSecret(string? secret, out byte[] key, out string error)
    {
        key = [];
        var base64 = (secret ?? "").Trim();
        base64 = base64.StartsWith(SecretPrefix, StringComparison.Ordinal) ? base64[SecretPrefix.Length..] : base64;
        var buffer = new byte[base64.Length];
        if (base64.Length == 0 || !Convert.TryFromBase64String(base64, buffer, out var length))
        {
            error = "is not a whsec_<base64> secret";
            return false;
        }

        if (length is < MinKeyBytes or > MaxKeyBytes)
        {
            error = $"holds a {length}-byte key; Standard Webhooks keys are {MinKeyBytes} to {MaxKeyBytes} bytes";
            return false;
        }

        key = buffer[..length];
        error = "";
        return true;
    }

    /// <summary>The <c>webhook-signature</c> value for one attempt.</summary>
    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Hmac(key, id, timestamp, body));

    /// <summary>What a receiver does: true when one of the space-separated <c>v1,</c> signatures matches (constant time).</summary>
    public static bool Verify(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body, string signatures)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var expected = Hmac(key, id, seconds, body);
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = signature.Split(',', 2);
            var decoded = new byte[expected.Length + 3];
            if (parts is ["v1", var value] && Convert.TryFromBase64String(value, decoded, out var length) && length == expected.Length
                && CryptographicOperations.FixedTimeEquals(decoded.AsSpan(0, length), expected))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Hmac(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
