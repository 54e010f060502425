using Microsoft.Extensions.Options;
using MimeKit;
using NewsAlerts.Core;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Outbox;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Outbox;

public sealed class OutboxDigestSenderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly DigestEmail Email = new(
        "d1",
        "sam",
        new EmailAddress("sam@example.com", "Sam Example"),
        new EmailAddress("alerts@example.com", "NewsAlerts"),
        "NewsAlerts: 1 new article for Hamas delegation Russia (1)",
        "<p>Putin’s spokesman</p>",
        "Putin’s spokesman",
        new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private OutboxDigestSender Sender() => new(Options.Create(new NewsAlertsOptions { OutboxPath = _folder.Path }));

    [Fact]
    public async Task Send_WritesAnEmlWithBothPartsAndAnHtmlFile()
    {
        var receipt = await Sender().SendAsync(Email, CancellationToken.None);

        Assert.Equal(2, receipt.Locations.Count);
        var message = await MimeMessage.LoadAsync(receipt.Locations[0]);
        Assert.Equal(Email.Subject, message.Subject);
        Assert.Equal("sam@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("Putin’s spokesman", message.TextBody);
        Assert.Equal("<p>Putin’s spokesman</p>", message.HtmlBody);
        Assert.Equal(Email.Html, await File.ReadAllTextAsync(receipt.Locations[1]));
        Assert.All(await File.ReadAllLinesAsync(receipt.Locations[0]), line => Assert.True(line.All(c => c < 128), line));
    }

    [Fact]
    public async Task Send_SameDigestTwice_WritesItOnce()
    {
        var first = await Sender().SendAsync(Email, CancellationToken.None);

        var second = await Sender().SendAsync(Email with { CreatedAt = Email.CreatedAt.AddMinutes(5) }, CancellationToken.None);

        Assert.Equal(first.Locations, second.Locations);
        Assert.Equal(2, Directory.GetFiles(_folder.Path).Length);
    }

    [Fact]
    public async Task Send_AfterAWriterWasKilled_RemovesItsLeftovers_AndWritesTheDigestWhole()
    {
        // What a killed writer can leave: partials, and an .html whose .eml was never renamed (this digest and another).
        _folder.Write("20261125-115900-sam-d1.html", "<p>half</p>");
        _folder.Write("20261125-115900-sam-d1.eml.partial", "From: half");
        _folder.Write("20261125-115800-kim-d9.html", "<p>orphan</p>");
        _folder.Write("20261125-115800-kim-d9.html.partial", "<p>orph");
        _folder.Write("20261125-115700-kim-d8.eml", "From: whole");
        _folder.Write("20261125-115700-kim-d8.html", "<p>whole</p>");

        var receipt = await Sender().SendAsync(Email, CancellationToken.None);

        Assert.Equal(
            ["20261125-115700-kim-d8.eml", "20261125-115700-kim-d8.html", "20261125-120000-sam-d1.eml", "20261125-120000-sam-d1.html"],
            Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Email.Html, await File.ReadAllTextAsync(receipt.Locations[1]));
    }

    [Fact]
    public async Task Send_LeavesALiveWritersFilesAlone()
    {
        var stem = _folder.File("20261125-115900-kim-d7");
        File.WriteAllText(stem + ".html", "<p>renamed, .eml not yet</p>");
        await using var held = new FileStream(stem + ".eml.partial", FileMode.Create, FileAccess.Write, FileShare.Delete);

        await Sender().SendAsync(Email, CancellationToken.None);

        Assert.True(File.Exists(stem + ".html"));
        Assert.True(File.Exists(stem + ".eml.partial"));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData("a*?b\\c")]
    public async Task Send_IdsThatLookLikePaths_StayInsideTheOutbox(string id)
    {
        var receipt = await Sender().SendAsync(Email with { SubscriberId = id, Id = id }, CancellationToken.None);

        Assert.All(receipt.Locations, path => Assert.Equal(Path.GetFullPath(_folder.Path), Path.GetDirectoryName(Path.GetFullPath(path))));
        Assert.Equal(2, Directory.GetFiles(_folder.Path).Length);
        Assert.Equal(receipt.Locations, (await Sender().SendAsync(Email with { SubscriberId = id, Id = id }, CancellationToken.None)).Locations);
    }
}
