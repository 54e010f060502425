using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Feeds;

/// <summary>
/// Records each watchlist match for the watchlist's feed: one small write per match, nothing when feeds are off. At
/// most once a day per process, a watchlist's entries are counted (a read), and deleted down to
/// <see cref="FeedOptions.MaxEntries"/> only when they are half as many again: the write path stays one insert, and
/// a delete comes once per many new entries rather than with each.
/// </summary>
public sealed class FeedRecorder(IWatchlistFeedStore store, IOptions<FeedOptions> options, TimeProvider time)
{
    private static readonly TimeSpan TrimEvery = TimeSpan.FromDays(1);

    /// <summary>Entries past the cap tolerated before a delete, for small caps.</summary>
    private const int MinSlack = 10;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _trimmedAt = new(StringComparer.Ordinal);

    public async Task RecordAsync(Article article, IReadOnlyList<WatchlistMatch> matches, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || matches.Count == 0)
        {
            return;
        }

        var matchedAt = article.IngestedAt == default ? time.GetUtcNow() : article.IngestedAt;
        var entries = matches
            .Select(m => WatchlistFeedEntry.Of(article, m.WatchlistId, m.Score, DigestComposer.Matched(m.Highlights), matchedAt))
            .ToList();
        await store.AddAsync(entries, cancellationToken);

        var now = time.GetUtcNow();
        foreach (var watchlistId in entries.Select(e => e.WatchlistId).Distinct(StringComparer.Ordinal))
        {
            if (!_trimmedAt.TryGetValue(watchlistId, out var last) || now - last >= TrimEvery)
            {
                _trimmedAt[watchlistId] = now;
                if (await store.CountAsync(watchlistId, cancellationToken) > settings.MaxEntries + Math.Max(MinSlack, settings.MaxEntries / 2))
                {
                    await store.TrimAsync(watchlistId, settings.MaxEntries, cancellationToken);
                }
            }
        }
    }
}
