using System.Text.Json;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// Watchlist feed entries in SQLite, in one B-tree keyed (watchlist, match time, article): an insert touches one page,
/// and the newest are read by walking the key backwards. The match time is the article's ingestion time, fixed per
/// article, so the key still allows one entry per (watchlist, article).
/// </summary>
public sealed class SqliteWatchlistFeedStore(SqliteDatabase database) : IWatchlistFeedStore
{
    private const string Newest = "ORDER BY matched_at_ticks DESC, article_id";

    public async Task AddAsync(IReadOnlyList<WatchlistFeedEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var entry in entries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO feed_entries (watchlist_id, article_id, matched_at_ticks, json)
                VALUES ($watchlist, $article, $at, $json)
                """;
            command.Parameters.AddWithValue("$watchlist", entry.WatchlistId);
            command.Parameters.AddWithValue("$article", entry.ArticleId);
            command.Parameters.AddWithValue("$at", entry.MatchedAt.UtcTicks);
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(entry, StoreJson.Options));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WatchlistFeedEntry>> GetLatestAsync(string watchlistId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT json FROM feed_entries WHERE watchlist_id = $watchlist {Newest} LIMIT $count";
        command.Parameters.AddWithValue("$watchlist", watchlistId);
        command.Parameters.AddWithValue("$count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<WatchlistFeedEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<WatchlistFeedEntry>(reader.GetString(0), StoreJson.Options)!);
        }

        return entries;
    }

    public async Task<int> CountAsync(string watchlistId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM feed_entries WHERE watchlist_id = $watchlist";
        command.Parameters.AddWithValue("$watchlist", watchlistId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> TrimAsync(string watchlistId, int keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM feed_entries WHERE watchlist_id = $watchlist AND article_id NOT IN
                (SELECT article_id FROM feed_entries WHERE watchlist_id = $watchlist {Newest} LIMIT $keep)
            """;
        command.Parameters.AddWithValue("$watchlist", watchlistId);
        command.Parameters.AddWithValue("$keep", keep);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
