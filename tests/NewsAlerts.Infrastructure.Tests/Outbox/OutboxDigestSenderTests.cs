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
}
