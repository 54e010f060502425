using NewsAlerts.Core.Configuration;

namespace NewsAlerts.TestSupport.Digests;

/// <summary>Builds configs for digest tests: the seed source and watchlists, and subscribers as a test needs them.</summary>
public sealed class ConfigBuilder
{
    private readonly List<SubscriberConfig> _subscribers = [];
    private readonly List<ChannelConfig> _channels = [];
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

    /// <summary>A channel whose URL is in the setting <c>{ID}_URL</c> (and a webhook's secret in <c>{ID}_SECRET</c>).</summary>
    public ConfigBuilder WithChannel(string id, string type)
    {
        var setting = id.ToUpperInvariant().Replace('-', '_');
        _channels.Add(new ChannelConfig
        {
            Id = id,
            Type = type,
            UrlSetting = setting + "_URL",
            SecretSetting = type == "webhook" ? setting + "_SECRET" : null,
            AllowPrivateNetwork = true,
        });
        return this;
    }

    /// <summary>A subscriber served by <paramref name="channels"/>, and by email (<c>{id}@example.com</c>) when <paramref name="email"/>.</summary>
    public ConfigBuilder WithChannelSubscriber(string id, string[] channels, bool email = false, string schedule = "instant", params string[] watchlists)
    {
        _subscribers.Add(new SubscriberConfig
        {
            Id = id,
            Email = email ? $"{id}@example.com" : "",
            Channels = channels,
            Schedule = schedule,
            Watchlists = watchlists.Length == 0 ? ["hamas-russia", "eu-climate", "tsunami"] : watchlists,
        });
        return this;
    }

    public NewsAlertsConfig Build() => new()
    {
        Channels = _channels,
        // As in seeds/newsalerts.json: the sample feed's stories are from 2023, so its maxAge lets them alert.
        Sources = [new SourceConfig { Id = "sample-world", Name = "Sample World News", Url = "sample-feed.xml", MaxAge = TimeSpan.FromDays(3650) }],
        Watchlists = _watchlists,
        Subscribers = _subscribers,
    };
}
