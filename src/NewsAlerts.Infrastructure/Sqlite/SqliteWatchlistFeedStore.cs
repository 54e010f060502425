using Microsoft.Data.Sqlite;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// Watchlist feed entries in SQLite: only the match (watchlist, match time, article, score, why) in one B-tree keyed
/// (watchlist, match time, article), so the newest are read by walking the key backwards; the story's title, link,
/// date and source come from the stored article, which is never deleted. Keeping a copy of the story per watchlist
/// made this the largest table of an alert-heavy state (8 matches per article at 10,000 watchlists), and since its key
/// is the watchlist, every commit rewrote most of its pages. The match time is the article's ingestion time, fixed
/// per article, so the key still allows one entry per (watchlist, article).
/// </summary>
public sealed class SqliteWatchlistFeedStore(SqliteDatabase database) : IWatchlistFeedStore
{
    private const string Newest = "ORDER BY matched_at_ticks DESC, article_id";

    private const int HeadlinesKept = 50_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Headline> _headlines = new(StringComparer.Ordinal);

    public async Task AddAsync(IReadOnlyList<WatchlistFeedEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await SqliteDatabase.BeginTransactionAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO feed_matches (watchlist_id, matched_at_ticks, article_id, score, why)
            VALUES ($watchlist, $at, $article, $score, $why)
            """;
        var (watchlist, at, article) = (command.Parameters.Add("$watchlist", SqliteType.Text), command.Parameters.Add("$at", SqliteType.Integer), command.Parameters.Add("$article", SqliteType.Text));
        var (score, why) = (command.Parameters.Add("$score", SqliteType.Real), command.Parameters.Add("$why", SqliteType.Text));
        foreach (var entry in entries)
        {
            (watchlist.Value, at.Value, article.Value) = (entry.WatchlistId, entry.MatchedAt.UtcTicks, entry.ArticleId);
            (score.Value, why.Value) = (entry.Score, entry.Why);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WatchlistFeedEntry>> GetLatestAsync(string watchlistId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT m.matched_at_ticks, m.score, m.why, m.article_id, a.json
            FROM feed_matches m JOIN articles a ON a.id = m.article_id
            WHERE m.watchlist_id = $watchlist {Newest} LIMIT $count
            """;
        command.Parameters.AddWithValue("$watchlist", watchlistId);
        command.Parameters.AddWithValue("$count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<WatchlistFeedEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var story = HeadlineOf(reader.GetString(3), reader, 4);
            var matchedAt = new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero);
            entries.Add(new WatchlistFeedEntry(
                watchlistId, story.Id, story.Title, WatchlistFeedEntry.FeedLink(story.Link), story.PublishedAt, story.SourceId, reader.GetDouble(1), reader.GetString(2), matchedAt));
        }

        return entries;
    }

    /// <summary>
    /// The headline of a stored article, from those read before when it is there. Every run renders the feeds that have
    /// a file, up to 50 entries each, and an article is in the feed of every watchlist it matched (8 at 10,000
    /// watchlists): inflating it for each made that stage twice as slow as reading copies. A headline never changes
    /// once stored; the cache is emptied when it grows past <see cref="HeadlinesKept"/>.
    /// </summary>
    private Headline HeadlineOf(string articleId, SqliteDataReader reader, int documentColumn)
    {
        if (_headlines.TryGetValue(articleId, out var known))
        {
            return known;
        }

        if (_headlines.Count >= HeadlinesKept)
        {
            _headlines.Clear();
        }

        return _headlines[articleId] = ArticleDocument.Read<Headline>(reader.GetValue(documentColumn));
    }

    /// <summary>What a feed shows of a stored article, read without building its body and analysis.</summary>
    private sealed record Headline(string Id, string SourceId, string Title, Uri? Link, DateTimeOffset? PublishedAt);

    public async Task<int> CountAsync(string watchlistId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM feed_matches WHERE watchlist_id = $watchlist";
        command.Parameters.AddWithValue("$watchlist", watchlistId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> TrimAsync(string watchlistId, int keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM feed_matches WHERE watchlist_id = $watchlist AND article_id NOT IN
                (SELECT article_id FROM feed_matches WHERE watchlist_id = $watchlist {Newest} LIMIT $keep)
            """;
        command.Parameters.AddWithValue("$watchlist", watchlistId);
        command.Parameters.AddWithValue("$keep", keep);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
