using System.Globalization;
using System.Text.Json;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Alerts in SQLite, keyed by (subscriber, article) so each is recorded once.</summary>
public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    public async Task<int> AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var alert in alerts)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO alerts (subscriber_id, article_id, matches_json, created_at)
                VALUES ($subscriber, $article, $matches, $at)
                """;
            command.Parameters.AddWithValue("$subscriber", alert.SubscriberId);
            command.Parameters.AddWithValue("$article", alert.ArticleId);
            command.Parameters.AddWithValue("$matches", JsonSerializer.Serialize(alert.Matches, StoreJson.Options));
            command.Parameters.AddWithValue("$at", alert.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<Alert>> GetPendingAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT article_id, matches_json, created_at FROM alerts
            WHERE subscriber_id = $subscriber AND digest_id IS NULL
            ORDER BY created_at, article_id
            """;
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var matches = JsonSerializer.Deserialize<List<WatchlistMatch>>(reader.GetString(1), StoreJson.Options) ?? [];
            var createdAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
            pending.Add(new Alert(subscriberId, reader.GetString(0), matches, createdAt));
        }

        return pending;
    }

    public async Task MarkSentAsync(string subscriberId, IReadOnlyList<string> articleIds, string digestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var articleId in articleIds)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE alerts SET digest_id = $digest WHERE subscriber_id = $subscriber AND article_id = $article";
            command.Parameters.AddWithValue("$digest", digestId);
            command.Parameters.AddWithValue("$subscriber", subscriberId);
            command.Parameters.AddWithValue("$article", articleId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
