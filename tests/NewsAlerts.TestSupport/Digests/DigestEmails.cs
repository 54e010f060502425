using NewsAlerts.Core.Delivery;

namespace NewsAlerts.TestSupport.Digests;

/// <summary>Builds <see cref="DigestEmail"/>s for provider tests.</summary>
public static class DigestEmails
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static DigestEmail Build(string id = "0123456789abcdef0123", string to = "sam@example.com", string subject = "NewsAlerts: 1 new article for Hamas delegation Russia (1)", bool urgent = false) =>
        new(
            id,
            "sam",
            new EmailAddress(to, "Sam Example"),
            new EmailAddress("alerts@example.com", "NewsAlerts"),
            subject,
            "<!DOCTYPE html><html><body><p>Hamas delegation in Russia</p></body></html>",
            "Hamas delegation in Russia",
            CreatedAt,
            new Uri("https://alerts.example.com/api/unsubscribe?token=abc.def"),
            urgent);
}
