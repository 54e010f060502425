using System.Globalization;
using System.Text.Json;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>The delivery ledger in SQLite: one JSON document per digest and an integer version for compare-and-set.</summary>
public sealed class SqliteDeliveryLedger(SqliteDatabase database) : IDeliveryLedger
{
    public async Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR IGNORE INTO deliveries (digest_id, subscriber_id, json, version) VALUES ($id, $subscriber, $json, 1)";
            command.Parameters.AddWithValue("$id", initial.DigestId);
            command.Parameters.AddWithValue("$subscriber", initial.SubscriberId);
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(initial with { Version = "" }, StoreJson.Options));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await GetAsync(initial.SubscriberId, initial.DigestId, cancellationToken)
            ?? throw new InvalidOperationException($"Digest {initial.DigestId} was not stored");
    }

    public async Task<DeliveryRecord?> GetAsync(string subscriberId, string digestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, version FROM deliveries WHERE digest_id = $id AND subscriber_id = $subscriber";
        command.Parameters.AddWithValue("$id", digestId);
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var record = JsonSerializer.Deserialize<DeliveryRecord>(reader.GetString(0), StoreJson.Options)!;
        return record with { Version = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture) };
    }

    public async Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        if (!long.TryParse(record.Version, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE deliveries SET json = $json, version = version + 1
            WHERE digest_id = $id AND subscriber_id = $subscriber AND version = $version
            """;
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(record with { Version = "" }, StoreJson.Options));
        command.Parameters.AddWithValue("$id", record.DigestId);
        command.Parameters.AddWithValue("$subscriber", record.SubscriberId);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? record with { Version = (version + 1).ToString(CultureInfo.InvariantCulture) }
            : null;
    }
}
