using NewsAlerts.Core.Configuration;

namespace NewsAlerts.TestSupport.Digests;

/// <summary>Builds configs for digest tests: the seed source and watchlists, and subscribers as a test needs them.</summary>
public sealed class ConfigBuilder
{
    private readonly List<SubscriberConfig> _subscribers = [];
    private readonly List<WatchlistConfig> _watchlists =
    [
        new() { Id = "hamas-russia", Name = "Hamas delegation Russia", Query = "Hamas delegation Russia" },
        new() { Id = "eu-climate", Name = "EU climate targets", Query = "EU climate target" },
        new() { Id = "tsunami", Name = "Tsunami warnings", Query = "tsunami warning", Urgent = true },
    ];

    public ConfigBuilder WithSubscriber(
        string id = "sam",
        string schedule = "daily 08:00",
        string timeZone = "UTC",
        string? quietHours = null,
        int maxItems = 20,
        params string[] watchlists)
    {
        _subscribers.Add(new SubscriberConfig
        {
            Id = id,
            Email = $"{id}@example.com",
            Name = $"{char.ToUpperInvariant(id[0])}{id[1..]} Example",
            Schedule = schedule,
            TimeZone = timeZone,
            QuietHours = quietHours,
            MaxItems = maxItems,
            Watchlists = watchlists.Length == 0 ? ["hamas-russia", "eu-climate", "tsunami"] : watchlists,
        });
        return this;
    }

    public NewsAlertsConfig Build() => new()
    {
        // As in seeds/newsalerts.json: the sample feed's stories are from 2023, so its maxAge lets them alert.
        Sources = [new SourceConfig { Id = "sample-world", Name = "Sample World News", Url = "sample-feed.xml", MaxAge = TimeSpan.FromDays(3650) }],
        Watchlists = _watchlists,
        Subscribers = _subscribers,
    };
}
