using System.Globalization;
using System.Runtime.InteropServices;
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
public sealed partial class UnsubscribeTokens(IOptions<UnsubscribeOptions> options, IOptions<NewsAlertsOptions> host, TimeProvider time)
{
    public const string KeyFileName = "unsubscribe.key";

    /// <summary>Bytes of a key in the key file: as many as a new key gets.</summary>
    public const int MinimumKeyBytes = 32;

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

    /// <summary>
    /// Loads the key now (creating it on a fresh state folder), so a key file that cannot be trusted stops a command
    /// before it does anything; throws <see cref="StateException"/> then, and on every later use.
    /// </summary>
    public void EnsureKey() => _ = _key.Value;

    private static byte[] LoadKey(string? secret, string statePath)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            return Encoding.UTF8.GetBytes(secret);
        }

        var path = Path.Combine(statePath, KeyFileName);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            CreateKey(path);
        }

        return ReadKey(path);
    }

    /// <summary>
    /// Writes a new random key to a temporary file, flushed to disk, readable by this user only, then renames it into
    /// place without replacing: a key file is whole or absent, and when two processes start at once the first rename
    /// wins and both use that key.
    /// </summary>
    private static void CreateKey(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes))));
                stream.Flush(flushToDisk: true);
            }

            PublishWithoutReplacing(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process put its key in place first: use that one.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"the unsubscribe key {path} could not be created ({ex.Message}): make the state folder writable, or set NewsAlerts:Unsubscribe:Secret", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Puts the finished temporary file at <paramref name="path"/> unless a file is there, atomically: on Unix a hard
    /// link, which fails when the name exists (.NET's <c>File.Move</c> without overwrite may check, then rename, and
    /// two processes starting at once would each believe their key won); on Windows a move without replace.
    /// </summary>
    private static void PublishWithoutReplacing(string temporary, string path)
    {
        const int AlreadyExists = 17; // EEXIST on Linux and macOS
        if (OperatingSystem.IsWindows())
        {
            File.Move(temporary, path, overwrite: false);
            return;
        }

        if (Posix.Link(temporary, path) == 0)
        {
            return;
        }

        if (Marshal.GetLastPInvokeError() == AlreadyExists)
        {
            throw new IOException($"{path} already exists");
        }

        File.Move(temporary, path, overwrite: false); // a file system without hard links
    }

    /// <summary>Reads the key file; one that is empty, short, not a key or unreadable stops here and signs nothing.</summary>
    private static byte[] ReadKey(string path)
    {
        const string Recover = "if the state folder was copied or restored, put its unsubscribe.key back; otherwise delete the file and a new key is made (unsubscribe links in digests already sent stop working), or set NewsAlerts:Unsubscribe:Secret";
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // keys written before 0600 was the rule
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"the unsubscribe key {path} cannot be read ({ex.Message}): make it readable by this user; {Recover}", ex);
        }

        var key = new byte[text.Length];
        var length = 0;
        var problem = text.Length == 0 ? "is empty"
            : !Convert.TryFromBase64String(text, key, out length) ? "is not a key (expected base64 text)"
            : length < MinimumKeyBytes ? $"is too short ({length} bytes, at least {MinimumKeyBytes})"
            : null;
        return problem is null ? key[..length] : throw new StateException($"the unsubscribe key {path} {problem}: {Recover}");
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

    private static partial class Posix
    {
        [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        public static partial int Link(string existing, string name);
    }
}
