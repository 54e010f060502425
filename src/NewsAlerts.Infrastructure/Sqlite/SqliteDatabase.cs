using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>The local store: one SQLite file under <see cref="NewsAlertsOptions.StatePath"/>, created on first use.</summary>
public sealed class SqliteDatabase(IOptions<NewsAlertsOptions> options)
{
    public const string FileName = "newsalerts.db";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            source_id TEXT NOT NULL,
            json TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS alerts (
            subscriber_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            matches_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            digest_id TEXT NULL,
            PRIMARY KEY (subscriber_id, article_id)
        );
        CREATE INDEX IF NOT EXISTS alerts_pending ON alerts (subscriber_id) WHERE digest_id IS NULL;
        """;

    private readonly string _path = Path.Combine(options.Value.StatePath, FileName);
    private int _schemaReady;

    public string FilePath => _path;

    /// <summary>Opens a connection; the first call creates the folder, the file and the tables.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        if (Interlocked.CompareExchange(ref _schemaReady, 1, 0) == 0)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }
}
