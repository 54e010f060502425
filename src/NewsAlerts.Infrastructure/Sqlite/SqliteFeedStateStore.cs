using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Feed state (conditional-GET validators, last poll, health) in SQLite, one row per source.</summary>
public sealed class SqliteFeedStateStore(SqliteDatabase database) : IFeedStateStore
{
    private const string Columns = "etag, last_modified, last_polled_at, last_success_at, consecutive_failures, last_error, items_last_read";

    public async Task<FeedState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feed_states WHERE source_id = $id";
        command.Parameters.AddWithValue("$id", sourceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new FeedState(sourceId, reader.IsDBNull(0) ? null : reader.GetString(0), ReadTime(reader, 1), ReadTime(reader, 2))
        {
            LastSuccessAt = ReadTime(reader, 3),
            ConsecutiveFailures = reader.GetInt32(4),
            LastError = reader.IsDBNull(5) ? null : reader.GetString(5),
            ItemsLastRead = reader.IsDBNull(6) ? null : reader.GetInt32(6),
        };
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO feed_states (source_id, {Columns}) VALUES ($id, $etag, $modified, $polled, $success, $failures, $error, $items)
            ON CONFLICT (source_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                last_polled_at = excluded.last_polled_at, last_success_at = excluded.last_success_at,
                consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,
                items_last_read = excluded.items_last_read
            """;
        command.Parameters.AddWithValue("$id", state.SourceId);
        command.Parameters.AddWithValue("$etag", (object?)state.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$modified", WriteTime(state.LastModified));
        command.Parameters.AddWithValue("$polled", WriteTime(state.LastPolledAt));
        command.Parameters.AddWithValue("$success", WriteTime(state.LastSuccessAt));
        command.Parameters.AddWithValue("$failures", state.ConsecutiveFailures);
        command.Parameters.AddWithValue("$error", (object?)state.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("$items", (object?)state.ItemsLastRead ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object WriteTime(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value;

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
