using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// The delivery ledger in SQLite: one JSON document per digest, an integer version for compare-and-set, and the state
/// in its own indexed column so open (Pending, Sending) records are found without reading the settled ones.
/// </summary>
public sealed class SqliteDeliveryLedger(SqliteDatabase database) : IDeliveryLedger
{
    public async Task<DeliveryRecord> GetOrAddAsync(DeliveryRecord initial, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR IGNORE INTO deliveries (digest_id, subscriber_id, json, version, state) VALUES ($id, $subscriber, $json, 1, $state)";
            command.Parameters.AddWithValue("$id", initial.DigestId);
            command.Parameters.AddWithValue("$subscriber", initial.SubscriberId);
            command.Parameters.AddWithValue("$state", initial.State.ToString());
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
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<DeliveryRecord>> GetOpenAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, version FROM deliveries WHERE subscriber_id = $subscriber AND state IN ('Pending', 'Sending')";
        command.Parameters.AddWithValue("$subscriber", subscriberId);
        return await ReadAsync(command, cancellationToken);
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
            UPDATE deliveries SET json = $json, state = $state, version = version + 1
            WHERE digest_id = $id AND subscriber_id = $subscriber AND version = $version
            """;
        command.Parameters.AddWithValue("$state", record.State.ToString());
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(record with { Version = "" }, StoreJson.Options));
        command.Parameters.AddWithValue("$id", record.DigestId);
        command.Parameters.AddWithValue("$subscriber", record.SubscriberId);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? record with { Version = (version + 1).ToString(CultureInfo.InvariantCulture) }
            : null;
    }

    /// <summary>Reads the records a <c>SELECT json, version</c> returns (also used by <see cref="SqliteStateInspector"/>).</summary>
    internal static async Task<List<DeliveryRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<DeliveryRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = JsonSerializer.Deserialize<DeliveryRecord>(reader.GetString(0), StoreJson.Options)!;
            records.Add(record with { Version = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture) });
        }

        return records;
    }
}
