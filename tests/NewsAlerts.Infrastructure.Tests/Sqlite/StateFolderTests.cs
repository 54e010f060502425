using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Infrastructure.Sqlite;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Sqlite;

/// <summary>
/// A state folder NewsAlerts has used keeps its database: missing, empty or someone else's is an error naming the file,
/// never a silent fresh start; a fresh folder starts afresh; storage errors name the file and say what to do.
/// </summary>
public sealed class StateFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private string Database => _folder.File(SqliteDatabase.FileName);

    private SqliteDatabase Open() => new(Options.Create(new NewsAlertsOptions { StatePath = _folder.Path }));

    private async Task UseAsync()
    {
        await (await Open().OpenAsync(CancellationToken.None)).DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task FreshFolder_StartsAfresh_AndIsMarkedUsed()
    {
        await UseAsync();

        Assert.True(File.Exists(Database));
        Assert.True(File.Exists(_folder.File(StateFolder.MarkerFileName)));
        await UseAsync(); // and opens again
    }

    [Fact]
    public async Task UsedFolder_DatabaseTruncatedToZeroBytes_IsAnErrorNamingTheFile_NotAFreshStart()
    {
        await UseAsync();
        await File.WriteAllBytesAsync(Database, []);

        var error = await Assert.ThrowsAsync<StateException>(UseAsync);

        Assert.StartsWith($"{Database} is empty, but the state folder {_folder.Path} was used before (it holds newsalerts.state): restore newsalerts.db from a backup.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(Database).Length); // nothing was created over it
    }

    [Fact]
    public async Task UsedFolder_DatabaseDeleted_IsAnError()
    {
        await UseAsync();
        File.Delete(Database);

        var error = await Assert.ThrowsAsync<StateException>(UseAsync);

        Assert.StartsWith($"{Database} is missing, but the state folder", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public async Task FolderFromBeforeTheMarker_WithAnUnsubscribeKey_AndAnEmptyDatabase_IsAnError()
    {
        await File.WriteAllTextAsync(_folder.File("unsubscribe.key"), Convert.ToBase64String(new byte[32]));
        await File.WriteAllBytesAsync(Database, []);

        var error = await Assert.ThrowsAsync<StateException>(UseAsync);

        Assert.Contains("(it holds unsubscribe.key)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroByteDatabaseInAFreshFolder_StartsAfresh()
    {
        await File.WriteAllBytesAsync(Database, []);

        await UseAsync();

        Assert.True(File.Exists(_folder.File(StateFolder.MarkerFileName)));
    }

    [Fact]
    public async Task SomeoneElsesDatabase_IsRefusedInAnyFolder()
    {
        await ExecuteAsync(Database, "CREATE TABLE invoices (id INTEGER PRIMARY KEY); CREATE TABLE customers (id INTEGER)");

        var error = await Assert.ThrowsAsync<StateException>(UseAsync);

        Assert.Equal(
            $"{Database} is not a NewsAlerts database (application id 0, tables: customers, invoices): point --state (NewsAlerts:StatePath) at a NewsAlerts state folder, or move this file away",
            error.Message);
        Assert.False(File.Exists(_folder.File(StateFolder.MarkerFileName)));
    }

    [Fact]
    public async Task NewsAlertsDatabaseFromBeforeTheApplicationId_IsRecognisedByItsTables()
    {
        await ExecuteAsync(Database, """
            CREATE TABLE articles (id TEXT PRIMARY KEY, source_id TEXT NOT NULL, json TEXT NOT NULL, ingested_at TEXT NOT NULL);
            CREATE TABLE alerts (subscriber_id TEXT NOT NULL, article_id TEXT NOT NULL, matches_json TEXT NOT NULL, created_at TEXT NOT NULL, digest_id TEXT NULL, PRIMARY KEY (subscriber_id, article_id));
            CREATE TABLE deliveries (digest_id TEXT PRIMARY KEY, subscriber_id TEXT NOT NULL, json TEXT NOT NULL, version INTEGER NOT NULL);
            """);

        await UseAsync();

        Assert.True(File.Exists(_folder.File(StateFolder.MarkerFileName)));
    }

    [Fact]
    public async Task FileThatIsNotADatabase_IsAStorageErrorNamingTheFileAndWhatToDo()
    {
        await File.WriteAllTextAsync(Database, new string('x', 5000));

        var error = await Assert.ThrowsAsync<StateException>(UseAsync);

        Assert.Equal(
            $"state database {Database}: SQLite error 26 (file is not a database): it is damaged or not a database: restore it from a backup, or move the state folder away to start afresh (stories already sent would be sent again)",
            error.Message);
    }

    [Fact]
    public async Task StateFolderThatIsAFile_CannotBeCreated_AndTheErrorSaysWhere()
    {
        var file = _folder.Write("state-file", "not a folder");
        var database = new SqliteDatabase(Options.Create(new NewsAlertsOptions { StatePath = file }));

        var error = await Assert.ThrowsAsync<StateException>(() => database.OpenAsync(CancellationToken.None));

        Assert.StartsWith($"the state folder {file} cannot be created (", error.Message, StringComparison.Ordinal);
    }
}
