using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Status;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Answers <c>newsalerts status</c> from the SQLite file; reads only.</summary>
public sealed class SqliteStateInspector(SqliteDatabase database) : IStateInspector
{
    public async Task<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, version FROM deliveries";
        return await SqliteDeliveryLedger.ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountPendingAlertsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT subscriber_id, COUNT(*) FROM alerts WHERE digest_id IS NULL GROUP BY subscriber_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public async Task<StateSize> GetSizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM alerts), (SELECT COUNT(*) FROM deliveries)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);

        // The write-ahead log holds recent writes not yet copied into the main file: both are the state's size.
        var bytes = new[] { database.FilePath, database.FilePath + "-wal" }.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length);
        return new StateSize(Path.GetFullPath(database.FilePath), bytes, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
