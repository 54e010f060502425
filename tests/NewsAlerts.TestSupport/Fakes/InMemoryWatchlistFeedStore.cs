using System.Collections.Concurrent;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>An <see cref="IWatchlistFeedStore"/> in memory, for tests of the services around it.</summary>
public sealed class InMemoryWatchlistFeedStore : IWatchlistFeedStore
{
    private readonly ConcurrentDictionary<(string Watchlist, string Article), WatchlistFeedEntry> _entries = new();

    public Task AddAsync(IReadOnlyList<WatchlistFeedEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            _entries.TryAdd((entry.WatchlistId, entry.ArticleId), entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WatchlistFeedEntry>> GetLatestAsync(string watchlistId, int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WatchlistFeedEntry>>(Newest(watchlistId).Take(count).ToList());

    public Task<int> CountAsync(string watchlistId, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.Keys.Count(k => k.Watchlist == watchlistId));

    public Task<int> TrimAsync(string watchlistId, int keep, CancellationToken cancellationToken)
    {
        var old = Newest(watchlistId).Skip(keep).ToList();
        foreach (var entry in old)
        {
            _entries.TryRemove((entry.WatchlistId, entry.ArticleId), out _);
        }

        return Task.FromResult(old.Count);
    }

    private IEnumerable<WatchlistFeedEntry> Newest(string watchlistId) =>
        _entries.Values.Where(e => e.WatchlistId == watchlistId).OrderByDescending(e => e.MatchedAt.UtcTicks).ThenBy(e => e.ArticleId, StringComparer.Ordinal);
}
