using System.Globalization;
using System.Text.Json;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// Articles in SQLite, one JSON document per row, with the progress marker beside it: <c>matched_at</c> (null until
/// matched), <c>waiting_since</c> (Unix milliseconds, for the sweep's oldest-first order) and <c>requeues</c>. Storing
/// the article and marking it unmatched are one insert, so no article is ever stored without its marker.
/// </summary>
public sealed class SqliteArticleStore(SqliteDatabase database) : IArticleStore
{
    public async Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO articles (id, source_id, json, ingested_at, waiting_since) VALUES ($id, $source, $json, $at, $waiting)
            """;
        command.Parameters.AddWithValue("$id", article.Id);
        command.Parameters.AddWithValue("$source", article.SourceId);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(article, StoreJson.Options));
        command.Parameters.AddWithValue("$at", article.IngestedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$waiting", article.IngestedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Article?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM articles WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<Article>(json, StoreJson.Options)
            : null;
    }

    public async Task UpdateAsync(Article article, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE articles SET json = $json WHERE id = $id";
        command.Parameters.AddWithValue("$id", article.Id);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(article, StoreJson.Options));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Article {article.Id} is not in the store");
        }
    }

    public async Task<IReadOnlyList<UnmatchedArticle>> GetUnmatchedAsync(DateTimeOffset waitingSince, int maxRequeues, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, waiting_since, requeues FROM articles
            WHERE matched_at IS NULL AND waiting_since <= $since AND requeues <= $max
            ORDER BY waiting_since, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$since", waitingSince.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", maxRequeues);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var unmatched = new List<UnmatchedArticle>();
        while (await reader.ReadAsync(cancellationToken))
        {
            unmatched.Add(new UnmatchedArticle(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt32(2)));
        }

        return unmatched;
    }

    public async Task MarkRequeuedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE articles SET waiting_since = $at, requeues = requeues + 1 WHERE id = $id AND matched_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkMatchedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE articles SET matched_at = $at WHERE id = $id AND matched_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
