using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>The user's config file: what to read, what to watch, who gets told and where.</summary>
public sealed record NewsAlertsConfig
{
    /// <summary>Editor hint pointing at the JSON Schema; ignored by NewsAlerts.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public IReadOnlyList<SourceConfig> Sources { get; init; } = [];

    public IReadOnlyList<WatchlistConfig> Watchlists { get; init; } = [];

    public IReadOnlyList<SubscriberConfig> Subscribers { get; init; } = [];

    /// <summary>Slack, Teams and webhook destinations that subscribers name in their <c>channels</c>.</summary>
    public IReadOnlyList<ChannelConfig> Channels { get; init; } = [];

    /// <summary>Alias groups used in queries as <c>@name</c>: each entry is a word, phrase or <c>prefix*</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The file this config was read from; empty when built in code.</summary>
    [JsonIgnore]
    public string FilePath { get; init; } = "";

    public WatchlistConfig? FindWatchlist(string id) =>
        Watchlists.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.Ordinal));

    public SourceConfig? FindSource(string id) =>
        Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    public ChannelConfig? FindChannel(string id) =>
        Channels.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    public SubscriberConfig? FindSubscriber(string id) =>
        Subscribers.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
