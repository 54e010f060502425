using MimeKit;

namespace NewsAlerts.Cli.Tests;

/// <summary><c>newsalerts unsubscribe</c> with the link from a digest the seed run wrote to the outbox.</summary>
public sealed class UnsubscribeCommandTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>A CLI-only install (no PublicBaseUrl): the digest says which command unsubscribes, and links nowhere.</summary>
    private async Task<string> SeedDigestUnsubscribeTokenAsync()
    {
        var run = await CliRun.InvokeAsync(_workspace.RunArgs());
        Assert.Equal(0, run.ExitCode);
        var message = await MimeMessage.LoadAsync(Directory.GetFiles(_workspace.Outbox, "*.eml").Single());
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.DoesNotContain("localhost", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("To stop all NewsAlerts emails, ask whoever runs NewsAlerts for you to run:", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("To stop all NewsAlerts emails, ask whoever runs NewsAlerts for you to run:", message.HtmlBody, StringComparison.Ordinal);
        var command = message.TextBody!.Split('\n').Single(l => l.StartsWith("newsalerts unsubscribe ", StringComparison.Ordinal)).Trim();
        Assert.Contains(command, message.HtmlBody, StringComparison.Ordinal);
        return command["newsalerts unsubscribe ".Length..];
    }

    private Task<CliRun> UnsubscribeAsync(string token) =>
        CliRun.InvokeAsync("unsubscribe", token, "--config", _workspace.Config, "--state", _workspace.State);

    [Fact]
    public async Task Unsubscribe_CommandFromADigest_UnsubscribesAndNoMoreDigestsGoOut()
    {
        var token = await SeedDigestUnsubscribeTokenAsync();

        var first = await UnsubscribeAsync(token);
        var again = await UnsubscribeAsync($"https://alerts.example.com/api/unsubscribe?token={Uri.EscapeDataString(token)}");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Unsubscribed sam@example.com", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already unsubscribed", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_WithAPublicBaseUrl_LinksToItsUnsubscribeEndpoint()
    {
        var environment = new Dictionary<string, string?> { ["NewsAlerts__PublicBaseUrl"] = "https://alerts.example.com/" };

        var run = await CliProcess.RunAsync(_workspace.Folder, environment, _workspace.RunArgs());

        Assert.Equal(0, run.ExitCode);
        var message = await MimeMessage.LoadAsync(Directory.GetFiles(_workspace.Outbox, "*.eml").Single());
        Assert.StartsWith("<https://alerts.example.com/api/unsubscribe?token=", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Contains("Unsubscribe from all NewsAlerts emails: https://alerts.example.com/api/unsubscribe?token=", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("newsalerts unsubscribe", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token", "not a NewsAlerts unsubscribe token")]
    [InlineData("MQpzYW1AZXhhbXBsZS5jb20KOTk5OTk5OTk5OQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not signed with this installation's key")]
    public async Task Unsubscribe_BadToken_OneLineAndExitCodeTwo(string token, string expected)
    {
        var run = await UnsubscribeAsync(token);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: unsubscribe token: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
