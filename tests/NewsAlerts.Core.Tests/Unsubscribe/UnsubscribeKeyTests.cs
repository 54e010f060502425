using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core.Unsubscribe;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Unsubscribe;

/// <summary>
/// The unsubscribe key kept in the state folder: written whole (temporary file, renamed), readable by its owner only,
/// and never used when it is empty, short, not a key or unreadable. A token signed with an empty key is refused in
/// every state of the key file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes; CI and the product's Linux hosts
public sealed class UnsubscribeKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private string KeyFile => _folder.File(UnsubscribeTokens.KeyFileName);

    private UnsubscribeTokens Tokens() => new(
        Options.Create(new UnsubscribeOptions()), Options.Create(new NewsAlertsOptions { StatePath = _folder.Path }), _time);

    /// <summary>What an attacker could forge if an empty key were ever used: a valid-looking token signed with no key.</summary>
    private string SignedWithAnEmptyKey(string email)
    {
        var payload = Encoding.UTF8.GetBytes($"1\n{email}\n{_time.GetUtcNow().AddDays(30).ToUnixTimeSeconds()}");
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(Array.Empty<byte>(), payload))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void NoKeyFile_ANewKeyIsWritten_OwnerOnly_AndTheEmptyKeyTokenIsForged()
    {
        var tokens = Tokens();

        Assert.Equal(TokenStatus.Forged, tokens.Check(SignedWithAnEmptyKey("sam@example.com")).Status);
        Assert.Equal(TokenStatus.Valid, tokens.Check(tokens.Create("sam@example.com")).Status);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(KeyFile)).Length);
        Assert.Equal([UnsubscribeTokens.KeyFileName], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        Assert.Equal(TokenStatus.Valid, Tokens().Check(tokens.Create("sam@example.com")).Status); // the next process reads the same key
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n", "is empty")]
    [InlineData("c2hvcnQ=", "is too short (5 bytes, at least 32)")]
    [InlineData("not base64 at all!", "is not a key (expected base64 text)")]
    public void KeyFileThatIsNoKey_StopsWithOneLineSayingHowToRecover_AndVerifiesNothing(string content, string problem)
    {
        File.WriteAllText(KeyFile, content);
        var tokens = Tokens();

        var error = Assert.Throws<StateException>(tokens.EnsureKey);
        Assert.Throws<StateException>(() => tokens.Check(SignedWithAnEmptyKey("sam@example.com")));

        Assert.Equal(
            $"the unsubscribe key {KeyFile} {problem}: if the state folder was copied or restored, put its unsubscribe.key back; otherwise delete the file and a new key is made (unsubscribe links in digests already sent stop working), or set NewsAlerts:Unsubscribe:Secret",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(content, File.ReadAllText(KeyFile)); // nothing is overwritten: the user decides
    }

    [Fact]
    public void KeyFileThatCannotBeRead_StopsWithOneLine_AndVerifiesNothing()
    {
        Directory.CreateDirectory(KeyFile); // as unreadable as a file gets for root

        var tokens = Tokens();

        var error = Assert.Throws<StateException>(() => tokens.Check(SignedWithAnEmptyKey("sam@example.com")));
        Assert.StartsWith($"the unsubscribe key {KeyFile} cannot be read (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFileFromBefore_WorldReadable_IsMadeOwnerOnly()
    {
        File.WriteAllText(KeyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Tokens().EnsureKey();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(TokenStatus.Forged, Tokens().Check(SignedWithAnEmptyKey("sam@example.com")).Status);
    }

    [Fact]
    public async Task ManyProcessesStartingAtOnce_AllUseTheFirstKeyWritten()
    {
        for (var round = 0; round < 20; round++)
        {
            var folder = Path.Combine(_folder.Path, $"round{round}");
            var tokens = Enumerable.Range(0, 8).Select(_ => new UnsubscribeTokens(
                Options.Create(new UnsubscribeOptions()), Options.Create(new NewsAlertsOptions { StatePath = folder }), _time)).ToList();
            using var start = new ManualResetEventSlim();

            var started = tokens.Select(t => Task.Run(() =>
            {
                start.Wait();
                t.EnsureKey();
            })).ToList();
            start.Set();
            await Task.WhenAll(started);

            var token = tokens[0].Create("sam@example.com");
            Assert.All(tokens, t => Assert.Equal(TokenStatus.Valid, t.Check(token).Status));
            Assert.Equal([UnsubscribeTokens.KeyFileName], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
    }
}
