using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// The de-duplication window in SQLite, one row per article, each carrying the log entry it was appended in (rows
/// from before the log have none). An append is one write transaction that first checks the newest entry, so two
/// processes sharing a state folder append in turn. Times are kept as UTC ticks (indexed, for the window filter and
/// the purge) beside the round-trip text, which keeps the original offset.
/// </summary>
public sealed class SqliteDeduplicationStore(SqliteDatabase database) : IDeduplicationStore
{
    private const string Columns = "article_id, canonical_url, content_hash, sim_hash, cluster_id, seen_at, entry";

    public async Task<LogSlice> LoadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var position = await NewestEntryAsync(connection, cancellationToken);

        // Rows appended after the newest entry was read are left to the next ReadAfterAsync.
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM fingerprints WHERE seen_at_ticks >= $since AND (entry IS NULL OR entry <= $position)";
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        command.Parameters.AddWithValue("$position", position);
        return new LogSlice((await ReadAsync(command, cancellationToken)).Fingerprints, position);
    }

    public async Task<LogSlice> ReadAfterAsync(long position, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM fingerprints WHERE entry > $position ORDER BY entry";
        command.Parameters.AddWithValue("$position", position);
        var (read, newest) = await ReadAsync(command, cancellationToken);
        return new LogSlice(read, Math.Max(position, newest));
    }

    public async Task<bool> TryAppendAsync(long position, IReadOnlyList<ArticleFingerprint> fingerprints, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE: the write lock
        if (await NewestEntryAsync(connection, cancellationToken) != position)
        {
            return false;
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT OR REPLACE INTO fingerprints (article_id, canonical_url, content_hash, sim_hash, cluster_id, seen_at_ticks, seen_at, entry)
            VALUES ($id, $url, $hash, $sim, $cluster, $ticks, $seen, $entry)
            """;
        var (id, url, hash) = (insert.Parameters.Add("$id", SqliteType.Text), insert.Parameters.Add("$url", SqliteType.Text), insert.Parameters.Add("$hash", SqliteType.Text));
        var (sim, cluster, ticks) = (insert.Parameters.Add("$sim", SqliteType.Integer), insert.Parameters.Add("$cluster", SqliteType.Text), insert.Parameters.Add("$ticks", SqliteType.Integer));
        var seen = insert.Parameters.Add("$seen", SqliteType.Text);
        insert.Parameters.AddWithValue("$entry", position + 1);
        foreach (var fingerprint in fingerprints)
        {
            // One prepared statement for the whole entry, its parameters refilled per row.
            (id.Value, url.Value, hash.Value) = (fingerprint.ArticleId, fingerprint.CanonicalUrl, fingerprint.ContentHash);
            (sim.Value, cluster.Value, ticks.Value) = (unchecked((long)fingerprint.SimHash), fingerprint.ClusterId, fingerprint.SeenAt.UtcTicks);
            seen.Value = fingerprint.SeenAt.ToString("O", CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM fingerprints WHERE seen_at_ticks < $cutoff
              AND (entry IS NULL OR entry < (SELECT MAX(entry) FROM fingerprints))
            """;
        command.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> NewestEntryAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(entry), 0) FROM fingerprints";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The fingerprints the command selects, and the newest entry among them (0 when none has one).</summary>
    private static async Task<(List<ArticleFingerprint> Fingerprints, long NewestEntry)> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fingerprints = new List<ArticleFingerprint>();
        long newest = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            newest = reader.IsDBNull(6) ? newest : Math.Max(newest, reader.GetInt64(6));
            fingerprints.Add(new ArticleFingerprint(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                unchecked((ulong)reader.GetInt64(3)),
                reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return (fingerprints, newest);
    }
}
