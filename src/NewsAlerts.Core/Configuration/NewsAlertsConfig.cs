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

    /// <summary>
    /// Lookups by id, built on first use. A copy made with <c>with</c> carries the original's index along, so the index
    /// is rebuilt when it was made for other lists.
    /// </summary>
    [JsonIgnore]
    private ConfigIndex Index => field is { } index && index.IsFor(this) ? index : field = new ConfigIndex(this);

    public WatchlistConfig? FindWatchlist(string id) => Index.Watchlists.GetValueOrDefault(id);

    public SourceConfig? FindSource(string id) => Index.Sources.GetValueOrDefault(id);

    public SubscriberConfig? FindSubscriber(string id) => Index.Subscribers.GetValueOrDefault(id);

    public ChannelConfig? FindChannel(string id) => Index.Channels.GetValueOrDefault(id);

    /// <summary>The subscribers following the watchlist, in config order.</summary>
    public IReadOnlyList<SubscriberConfig> FollowersOf(string watchlistId) => Index.Followers.GetValueOrDefault(watchlistId) ?? [];

    /// <summary>Whether any watchlist is urgent (most configs have none, and then nothing urgent is ever looked for).</summary>
    public bool HasUrgentWatchlists => Index.HasUrgent;

    private sealed class ConfigIndex(NewsAlertsConfig config)
    {
        private readonly (object, object, object, object) _lists = (config.Watchlists, config.Sources, config.Subscribers, config.Channels);

        // The first of two equal ids wins, as the linear search did (validation refuses duplicates anyway).
        public Dictionary<string, WatchlistConfig> Watchlists { get; } = First(config.Watchlists, w => w.Id);

        public Dictionary<string, SourceConfig> Sources { get; } = First(config.Sources, s => s.Id);

        public Dictionary<string, SubscriberConfig> Subscribers { get; } = First(config.Subscribers, s => s.Id);

        public Dictionary<string, ChannelConfig> Channels { get; } = First(config.Channels, c => c.Id);

        public Dictionary<string, List<SubscriberConfig>> Followers { get; } = config.Subscribers
            .SelectMany(s => s.Watchlists.Distinct(StringComparer.Ordinal).Select(w => (Watchlist: w, Subscriber: s)))
            .GroupBy(x => x.Watchlist, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Subscriber).ToList(), StringComparer.Ordinal);

        public bool HasUrgent { get; } = config.Watchlists.Any(w => w.Urgent);

        public bool IsFor(NewsAlertsConfig other) =>
            ReferenceEquals(_lists.Item1, other.Watchlists) && ReferenceEquals(_lists.Item2, other.Sources)
            && ReferenceEquals(_lists.Item3, other.Subscribers) && ReferenceEquals(_lists.Item4, other.Channels);

        private static Dictionary<string, T> First<T>(IEnumerable<T> items, Func<T, string> id)
        {
            var byId = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                byId.TryAdd(id(item), item);
            }

            return byId;
        }
    }
}
