using MimeKit;

namespace NewsAlerts.Cli.Tests;

/// <summary><c>newsalerts unsubscribe</c> with the link from a digest the seed run wrote to the outbox.</summary>
public sealed class UnsubscribeCommandTests : IDisposable
{
    private readonly SeedWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<Uri> SeedDigestUnsubscribeLinkAsync()
    {
        var run = await CliRun.InvokeAsync(_workspace.RunArgs());
        Assert.Equal(0, run.ExitCode);
        var eml = Directory.GetFiles(_workspace.Outbox, "*.eml").Single();
        var header = (await MimeMessage.LoadAsync(eml)).Headers["List-Unsubscribe"];
        return new Uri(header!.Trim('<', '>'));
    }

    private Task<CliRun> UnsubscribeAsync(string token) =>
        CliRun.InvokeAsync("unsubscribe", token, "--config", _workspace.Config, "--state", _workspace.State);

    [Fact]
    public async Task Unsubscribe_LinkFromADigest_UnsubscribesAndNoMoreDigestsGoOut()
    {
        var link = await SeedDigestUnsubscribeLinkAsync();
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;

        var first = await UnsubscribeAsync(token);
        var again = await UnsubscribeAsync(link.AbsoluteUri);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Unsubscribed sam@example.com", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already unsubscribed", again.Output, StringComparison.Ordinal);
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
