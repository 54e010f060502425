using System.Globalization;
using System.Runtime.CompilerServices;
using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// The de-duplication window in SQLite, one row per article. Times are kept as UTC ticks (indexed, for the window
/// filter and the purge) beside the round-trip text, which keeps the original offset.
/// </summary>
public sealed class SqliteDeduplicationStore(SqliteDatabase database) : IDeduplicationStore
{
    public async IAsyncEnumerable<ArticleFingerprint> LoadSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT article_id, canonical_url, content_hash, sim_hash, cluster_id, seen_at
            FROM fingerprints WHERE seen_at_ticks >= $since
            """;
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ArticleFingerprint(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                unchecked((ulong)reader.GetInt64(3)),
                reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }
    }

    public async Task AddAsync(ArticleFingerprint fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO fingerprints (article_id, canonical_url, content_hash, sim_hash, cluster_id, seen_at_ticks, seen_at)
            VALUES ($id, $url, $hash, $sim, $cluster, $ticks, $seen)
            """;
        command.Parameters.AddWithValue("$id", fingerprint.ArticleId);
        command.Parameters.AddWithValue("$url", fingerprint.CanonicalUrl);
        command.Parameters.AddWithValue("$hash", fingerprint.ContentHash);
        command.Parameters.AddWithValue("$sim", unchecked((long)fingerprint.SimHash));
        command.Parameters.AddWithValue("$cluster", fingerprint.ClusterId);
        command.Parameters.AddWithValue("$ticks", fingerprint.SeenAt.UtcTicks);
        command.Parameters.AddWithValue("$seen", fingerprint.SeenAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM fingerprints WHERE seen_at_ticks < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
