using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Pipeline;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// The local store: one SQLite file under <see cref="NewsAlertsOptions.StatePath"/>, created on first use of a fresh
/// state folder, and refused when it is missing, empty or someone else's in a folder NewsAlerts has used.
/// </summary>
/// <remarks>
/// <para>
/// Durability: the file is in WAL mode, and connections commit with <c>synchronous = NORMAL</c>: a commit survives the
/// process being killed or crashing, while a power cut or an OS crash can undo the commits made since the WAL was
/// last flushed to disk. Two kinds of write carry a promise that re-doing cannot keep, and commit with
/// <c>synchronous = FULL</c> (<see cref="DurablyAsync"/>), which flushes the WAL and with it every earlier commit: a
/// digest entering <c>Sending</c> for a provider that cannot tell whether it took an email (SMTP, SendGrid: at most
/// once), and an unsubscribe. Everything else is redone by the next run after such a loss (docs/reliability.md).
/// </para>
/// <para>
/// The pipeline's bulk writes run in a write scope (<see cref="BeginScopeAsync"/>): every store call of the scope's
/// async flow uses the scope's connection and joins its one transaction. Code inside a scope must not call stores
/// from parallel tasks: they would share one connection.
/// </para>
/// </remarks>
public sealed partial class SqliteDatabase(IOptions<NewsAlertsOptions> options)
{
    /// <summary>The write scope of the current async flow, if any.</summary>
    private static readonly AsyncLocal<WriteScope?> Ambient = new();

    /// <summary>Physical connections (pooled handles) already set to <c>synchronous = NORMAL</c>.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];

    public const string FileName = "newsalerts.db";

    private const string Schema = """
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
        CREATE TABLE IF NOT EXISTS deliveries (
            digest_id TEXT PRIMARY KEY,
            subscriber_id TEXT NOT NULL,
            json TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS unsubscribes (
            email TEXT PRIMARY KEY,
            unsubscribed_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS feed_states (
            source_id TEXT PRIMARY KEY,
            etag TEXT NULL,
            last_modified TEXT NULL,
            last_polled_at TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS fingerprints (
            article_id TEXT PRIMARY KEY,
            canonical_url TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            sim_hash INTEGER NOT NULL,
            cluster_id TEXT NOT NULL,
            seen_at_ticks INTEGER NOT NULL,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS fingerprints_seen ON fingerprints (seen_at_ticks);
        CREATE TABLE IF NOT EXISTS feed_matches (
            watchlist_id TEXT NOT NULL,
            matched_at_ticks INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            score REAL NOT NULL,
            why TEXT NOT NULL,
            PRIMARY KEY (watchlist_id, matched_at_ticks, article_id)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Columns added after the first release, for state folders created before them, each with the statement that
    /// fills it in for rows written before it existed (run once, when the column is added).
    /// </summary>
    private static readonly (string Table, string Column, string Definition, string? Backfill)[] AddedColumns =
    [
        ("alerts", "cluster_id", "TEXT NULL", null),
        ("deliveries", "state", "TEXT NULL", "UPDATE deliveries SET state = json_extract(json, '$.state')"),
        ("fingerprints", "entry", "INTEGER NULL", null), // the de-duplication log's entry; null for rows written before the log

        // Articles stored before the progress marker existed: those analysed were processed by the old pipeline; the
        // others were stored but never matched (a stopped run), so the next run's sweep matches them.
        ("articles", "matched_at", "TEXT NULL", "UPDATE articles SET matched_at = ingested_at WHERE json_extract(json, '$.analysis') IS NOT NULL"),
        ("articles", "waiting_since", "INTEGER NOT NULL DEFAULT 0", null),
        ("articles", "requeues", "INTEGER NOT NULL DEFAULT 0", null),
        ("feed_states", "last_success_at", "TEXT NULL", null),
        ("feed_states", "consecutive_failures", "INTEGER NOT NULL DEFAULT 0", null),
        ("feed_states", "last_error", "TEXT NULL", null),
        ("feed_states", "items_last_read", "INTEGER NULL", null),
    ];

    /// <summary>Indexes on added columns, created once the columns exist.</summary>
    private const string AddedIndexes = """
        CREATE INDEX IF NOT EXISTS deliveries_open ON deliveries (subscriber_id) WHERE state IN ('Pending', 'Sending');
        CREATE INDEX IF NOT EXISTS fingerprints_entry ON fingerprints (entry);
        CREATE INDEX IF NOT EXISTS articles_unmatched ON articles (waiting_since) WHERE matched_at IS NULL;
        """;

    /// <summary>The tables <see cref="Schema"/> creates: a database from before the application id holds only these.</summary>
    private static readonly HashSet<string> OwnTables = [.. TableName().Matches(Schema).Select(m => m.Groups[1].Value), "feed_entries"];

    /// <summary>
    /// Watchlist feed entries as first stored: a copy of the story per watchlist (<c>json</c>). Moved, once, into
    /// <c>feed_matches</c>, which keeps only the match and reads the story from <c>articles</c>: the copies were the
    /// largest table of an alert-heavy state and were rewritten, page by page, with every commit.
    /// </summary>
    private const string MoveFeedEntries = """
        INSERT OR IGNORE INTO feed_matches (watchlist_id, matched_at_ticks, article_id, score, why)
            SELECT watchlist_id, matched_at_ticks, article_id, coalesce(json_extract(json, '$.score'), 0), coalesce(json_extract(json, '$.why'), '')
            FROM feed_entries;
        DROP TABLE feed_entries;
        """;

    private readonly string _path = Path.Combine(options.Value.StatePath, FileName);
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public string FilePath => _path;

    /// <summary>
    /// Opens a connection (inside a write scope, the scope's, which its callers' <c>Dispose</c> leaves open). The first
    /// call checks that the state can be trusted (<see cref="StateFolder"/>), then creates the folder, the file and the
    /// tables as needed; a storage error is a <see cref="StateException"/> naming the file.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Ambient.Value is { IsOpen: true } scope && ReferenceEquals(scope.Database, this))
        {
            return scope.Connection;
        }

        return await OpenNewAsync(new SqliteConnection(ConnectionString), cancellationToken);
    }

    /// <summary>
    /// Starts a write scope for the calling async flow: one connection, one immediate transaction (the write lock).
    /// Must not be nested.
    /// </summary>
    public Task<IUnitOfWorkScope> BeginScopeAsync(CancellationToken cancellationToken)
    {
        if (Ambient.Value is { IsOpen: true })
        {
            throw new InvalidOperationException("A write scope is already open in this flow");
        }

        // Set here, in a method that is not async, so the caller's flow sees it (an async method's changes stay inside it).
        var scope = new WriteScope(this);
        Ambient.Value = scope;
        return scope.BeginAsync(cancellationToken);
    }

    /// <summary>
    /// A transaction for a store's own multi-statement write: its own, or, inside a write scope, none (the statements
    /// join the scope's transaction).
    /// </summary>
    public static async Task<StoreTransaction> BeginTransactionAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        connection is ScopeConnection ? new StoreTransaction(null) : new StoreTransaction((SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken));

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true }.ToString();

    private async Task<T> OpenNewAsync<T>(T connection, CancellationToken cancellationToken)
        where T : SqliteConnection
    {
        if (!_schemaReady)
        {
            await PrepareAsync(cancellationToken);
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
            await ConfigureAsync(connection, cancellationToken);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw StateFolder.Explain(ex, _path);
        }
    }

    /// <summary>A SQLite error as one line naming <paramref name="database"/> and saying what to do.</summary>
    public static StateException Explain(SqliteException exception, string database) => StateFolder.Explain(exception, database);

    /// <summary>Once per process; every caller waits until the tables exist, not just the first (concurrent jobs open at once).</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var folder = StateFolder.Open(Path.GetDirectoryName(Path.GetFullPath(_path))!, _path);
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);

            // Checked and created in one immediate transaction, so a process starting beside one that is creating the
            // tables waits and then sees all of them, never a half-made database it would take for someone else's.
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await folder.CheckDatabaseAsync(connection, OwnTables, cancellationToken);
                await using var create = connection.CreateCommand();
                create.CommandText = Schema + $"PRAGMA application_id = {StateFolder.ApplicationId};";
                await create.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            // Only now that the file is known to be ours: WAL lets readers and a writer work at once.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await AddMissingColumnsAsync(connection, cancellationToken);
            await MoveFeedEntriesAsync(connection, cancellationToken);
            command.CommandText = AddedIndexes;
            await command.ExecuteNonQueryAsync(cancellationToken);
            folder.MarkUsed();
            _schemaReady = true;
        }
        catch (SqliteException ex)
        {
            throw StateFolder.Explain(ex, _path);
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on <paramref name="connection"/> with <c>synchronous = FULL</c>: its commit is on
    /// disk before this returns, and so is every commit before it.
    /// </summary>
    public static async Task<T> DurablyAsync<T>(SqliteConnection connection, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await PragmaAsync(connection, "PRAGMA synchronous = FULL", cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            await PragmaAsync(connection, "PRAGMA synchronous = NORMAL", CancellationToken.None);
        }
    }

    /// <summary>
    /// Sets up a new physical connection (once; the pool keeps it): commits with <c>synchronous = NORMAL</c>, and a
    /// writer that finds the write lock taken waits inside SQLite (which retries after 1, 2, 5, 10... ms) instead of
    /// returning busy to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms: with a few digests sent side by side,
    /// those sleeps were most of their time. The WAL is copied into the database file every 10,000 pages (40 MB)
    /// rather than SQLite's 1,000: a page that several commits rewrite reaches the database file once per copy, and at
    /// 1,000 pages a fresh 5,000-article, 10,000-watchlist run copied 65 MB into a 32 MB database (39 MB at 10,000).
    /// The WAL goes when the last connection closes.
    /// </summary>
    private static async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            await PragmaAsync(connection, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 10000", cancellationToken);
            Configured.AddOrUpdate(connection.Handle!, Configured);
        }
    }

    private static async Task PragmaAsync(SqliteConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AddMissingColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition, backfill) in AddedColumns)
        {
            // One immediate transaction per column: two processes opening an old state folder at once add it once, and a
            // process killed here leaves either no column or the column filled in.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var probe = connection.CreateCommand();
            probe.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                await using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition};{(backfill is null ? "" : backfill + ";")}";
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>In one immediate transaction, like a column: two processes move the entries once; a kill leaves them all in one table.</summary>
    private static async Task MoveFeedEntriesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'feed_entries'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            command.CommandText = MoveFeedEntries;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+)")]
    private static partial System.Text.RegularExpressions.Regex TableName();

    /// <summary>A write scope: the connection every store call of its flow uses, and its one transaction.</summary>
    private sealed class WriteScope(SqliteDatabase database) : IUnitOfWorkScope
    {
        private SqliteTransaction? _transaction;

        public SqliteDatabase Database => database;

        public ScopeConnection Connection { get; } = new(database.ConnectionString);

        public bool IsOpen { get; private set; }

        public async Task<IUnitOfWorkScope> BeginAsync(CancellationToken cancellationToken)
        {
            try
            {
                await database.OpenNewAsync(Connection, cancellationToken);
                _transaction = Connection.BeginTransaction(); // immediate: the write lock, taken now
                IsOpen = true;
                return this;
            }
            catch
            {
                Connection.Release();
                throw;
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await _transaction!.CommitAsync(cancellationToken);
            IsOpen = false;
        }

        /// <summary>Leaves the flow's scope at once (so later store calls open their own connections), then rolls back what was not committed.</summary>
        public ValueTask DisposeAsync()
        {
            if (Ambient.Value == this)
            {
                Ambient.Value = null;
            }

            IsOpen = false;
            return CloseAsync();
        }

        private async ValueTask CloseAsync()
        {
            try
            {
                if (_transaction is not null)
                {
                    await _transaction.DisposeAsync(); // rolls back unless committed
                }
            }
            finally
            {
                Connection.Release();
            }
        }
    }

    /// <summary>The connection of a write scope: the stores' <c>Dispose</c> leaves it open; the scope releases it.</summary>
    private sealed class ScopeConnection(string connectionString) : SqliteConnection(connectionString)
    {
        private bool _released;

        public void Release()
        {
            _released = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (_released)
            {
                base.Dispose(disposing);
            }
        }
    }
}

/// <summary>A store's own transaction, or none when the store writes inside a write scope (whose transaction it joins).</summary>
public sealed class StoreTransaction(SqliteTransaction? own) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The CLI's unit of work: a SQLite write scope.</summary>
public sealed class SqliteUnitOfWork(SqliteDatabase database) : IUnitOfWork
{
    public bool IsAtomic => true;

    public Task<IUnitOfWorkScope> BeginAsync(CancellationToken cancellationToken) => database.BeginScopeAsync(cancellationToken);
}
