using System.Globalization;
using System.Text.Json;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Articles in SQLite, one JSON document per row.</summary>
public sealed class SqliteArticleStore(SqliteDatabase database) : IArticleStore
{
    public async Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO articles (id, source_id, json, ingested_at) VALUES ($id, $source, $json, $at)";
        command.Parameters.AddWithValue("$id", article.Id);
        command.Parameters.AddWithValue("$source", article.SourceId);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(article, StoreJson.Options));
        command.Parameters.AddWithValue("$at", article.IngestedAt.ToString("O", CultureInfo.InvariantCulture));
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
}
