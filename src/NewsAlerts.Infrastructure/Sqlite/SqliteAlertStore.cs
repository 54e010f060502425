using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Alerts in SQLite, keyed by (subscriber, article) so each is recorded once; claims are conditional updates.</summary>
public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    private const string Columns = "article_id, matches_json, created_at, digest_id, cluster_id";

    public async Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await SqliteDatabase.BeginTransactionAsync(connection, cancellationToken);
        var added = 0;

        // One statement, prepared once and run per alert with its parameters refilled.
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO alerts (subscriber_id, article_id, matches_json, created_at, cluster_id)
            VALUES ($subscriber, $article, $matches, $at, $cluster)
            """;
        var (subscriber, article, matches) = (command.Parameters.Add("$subscriber", SqliteType.Text), command.Parameters.Add("$article", SqliteType.Text), command.Parameters.Add("$matches", SqliteType.Text));
        var (at, cluster) = (command.Parameters.Add("$at", SqliteType.Text), command.Parameters.Add("$cluster", SqliteType.Text));
        foreach (var alert in alerts)
        {
            (subscriber.Value, article.Value) = (alert.SubscriberId, alert.ArticleId);
            matches.Value = JsonSerializer.Serialize(alert.Matches, StoreJson.Options);
            at.Value = alert.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
            cluster.Value = (object?)alert.ClusterId ?? DBNull.Value;
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alerts WHERE subscriber_id = $subscriber AND digest_id IS NULL ORDER BY created_at, article_id";
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        return await ReadAlertsAsync(command, subscriberId, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetPendingIdsAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT article_id FROM alerts WHERE subscriber_id = $subscriber AND digest_id IS NULL ORDER BY created_at, article_id";
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<IReadOnlyList<Alert>> ClaimAsync(string subscriberId, string digestId, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await SqliteDatabase.BeginTransactionAsync(connection, cancellationToken);
        if (articleIds is null || articleIds.Count > 0)
        {
            await using var claim = connection.CreateCommand();
            claim.CommandText = "UPDATE alerts SET digest_id = $digest WHERE subscriber_id = $subscriber AND digest_id IS NULL"
                + (articleIds is null ? "" : $" AND article_id IN ({InList(claim, "$a", articleIds)})");
            claim.Parameters.AddWithValue("$digest", digestId);
            claim.Parameters.AddWithValue("$subscriber", subscriberId);
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {Columns} FROM alerts WHERE subscriber_id = $subscriber AND digest_id = $digest ORDER BY created_at, article_id";
        read.Parameters.AddWithValue("$subscriber", subscriberId);
        read.Parameters.AddWithValue("$digest", digestId);
        var held = await ReadAlertsAsync(read, subscriberId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return held;
    }

    public async Task ReleaseAsync(string subscriberId, string digestId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alerts SET digest_id = NULL WHERE subscriber_id = $subscriber AND digest_id = $digest"
            + (keep.Count == 0 ? "" : $" AND article_id NOT IN ({InList(command, "$k", keep)})");
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        command.Parameters.AddWithValue("$digest", digestId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetClustersHeldElsewhereAsync(string subscriberId, string digestId, IReadOnlyCollection<string> clusterIds, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (clusterIds.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT DISTINCT cluster_id FROM alerts
            WHERE subscriber_id = $subscriber AND digest_id IS NOT NULL AND digest_id <> $digest
              AND cluster_id IN ({InList(command, "$c", clusterIds)})
            """;
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        command.Parameters.AddWithValue("$digest", digestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>Adds one parameter per value and returns their names, comma-separated, for an <c>IN (...)</c> list.</summary>
    private static string InList(SqliteCommand command, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private static async Task<IReadOnlyList<Alert>> ReadAlertsAsync(SqliteCommand command, string subscriberId, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var matches = JsonSerializer.Deserialize<List<WatchlistMatch>>(reader.GetString(1), StoreJson.Options) ?? [];
            var createdAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
            alerts.Add(new Alert(
                subscriberId,
                reader.GetString(0),
                matches,
                createdAt,
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return alerts;
    }
}
