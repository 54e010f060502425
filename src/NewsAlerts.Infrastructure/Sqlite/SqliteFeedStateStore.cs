using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Feed state (conditional-GET validators, last poll) in SQLite, one row per source.</summary>
public sealed class SqliteFeedStateStore(SqliteDatabase database) : IFeedStateStore
{
    public async Task<FeedState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified, last_polled_at FROM feed_states WHERE source_id = $id";
        command.Parameters.AddWithValue("$id", sourceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new FeedState(
            sourceId,
            reader.IsDBNull(0) ? null : reader.GetString(0),
            ReadTime(reader, 1),
            ReadTime(reader, 2));
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feed_states (source_id, etag, last_modified, last_polled_at) VALUES ($id, $etag, $modified, $polled)
            ON CONFLICT (source_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                last_polled_at = excluded.last_polled_at
            """;
        command.Parameters.AddWithValue("$id", state.SourceId);
        command.Parameters.AddWithValue("$etag", (object?)state.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$modified", WriteTime(state.LastModified));
        command.Parameters.AddWithValue("$polled", WriteTime(state.LastPolledAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object WriteTime(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value;

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
