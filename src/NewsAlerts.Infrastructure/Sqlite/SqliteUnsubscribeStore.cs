using System.Globalization;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>Unsubscribed addresses in SQLite, stored lower-cased so they compare ignoring case.</summary>
public sealed class SqliteUnsubscribeStore(SqliteDatabase database) : IUnsubscribeStore
{
    public async Task<bool> AddAsync(string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO unsubscribes (email, unsubscribed_at) VALUES ($email, $at)";
        command.Parameters.AddWithValue("$email", Normalize(email));
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));

        // A person asked to hear no more: that must survive a power cut, not only a crash.
        return await SqliteDatabase.DurablyAsync(connection, () => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken) == 1;
    }

    public async Task<bool> ContainsAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM unsubscribes WHERE email = $email";
        command.Parameters.AddWithValue("$email", Normalize(email));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
