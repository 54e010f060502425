using Microsoft.Data.Sqlite;
using NewsAlerts.Core;
using NewsAlerts.Core.Unsubscribe;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>
/// Whether a state folder's database can be trusted. A folder counts as <em>used</em> once NewsAlerts has kept state
/// in it: it holds the marker file <see cref="MarkerFileName"/>, written once the database is set up, or (folders from
/// before the marker) an <c>unsubscribe.key</c>, which a folder only gets after its database. In a used folder a
/// missing or empty database is an error, not a fresh start: starting afresh would send already-sent stories again and
/// mail addresses that unsubscribed. A database that is not NewsAlerts' (other tables, another application id) is
/// refused in any folder.
/// </summary>
public sealed class StateFolder
{
    public const string MarkerFileName = "newsalerts.state";

    /// <summary>SQLite's application id for NewsAlerts databases ("NAlt"), so one is recognised whatever its tables.</summary>
    public const int ApplicationId = 0x4E416C74;


    private readonly string _folder;
    private readonly string _database;
    private readonly string? _usedBecause;

    private StateFolder(string folder, string database, string? usedBecause)
    {
        _folder = folder;
        _database = database;
        _usedBecause = usedBecause;
    }

    /// <summary>Creates the folder if needed and notes whether it was used; a used folder without its database stops here.</summary>
    public static StateFolder Open(string folder, string database)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"the state folder {folder} cannot be created ({ex.Message}): check the path (--state, NewsAlerts:StatePath) and that this user may write there", ex);
        }

        var usedBecause = File.Exists(Path.Combine(folder, MarkerFileName)) ? MarkerFileName
            : File.Exists(Path.Combine(folder, UnsubscribeTokens.KeyFileName)) ? UnsubscribeTokens.KeyFileName
            : null;
        var state = new StateFolder(folder, database, usedBecause);
        return usedBecause is not null && !File.Exists(database) ? throw state.Lost("is missing") : state;
    }

    /// <summary>
    /// Checks the opened database (inside the transaction that creates the tables): ours (our application id, or from
    /// before it: only tables of <paramref name="ownTables"/>), or an empty one in a fresh folder.
    /// </summary>
    public async Task CheckDatabaseAsync(SqliteConnection connection, IReadOnlySet<string> ownTables, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA application_id";
        var applicationId = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (applicationId == ApplicationId || (applicationId == 0 && tables.Count > 0 && tables.All(ownTables.Contains)))
        {
            return; // ours (or ours from before the application id)
        }

        if (applicationId != 0 || tables.Count > 0)
        {
            throw new StateException(
                $"{_database} is not a NewsAlerts database (application id {applicationId}, tables: {(tables.Count == 0 ? "none" : string.Join(", ", tables))}): " +
                "point --state (NewsAlerts:StatePath) at a NewsAlerts state folder, or move this file away");
        }

        if (_usedBecause is not null)
        {
            throw Lost("is empty");
        }
    }

    /// <summary>Writes the marker (whole or absent: a temporary file renamed) once the database is set up.</summary>
    public void MarkUsed()
    {
        var marker = Path.Combine(_folder, MarkerFileName);
        if (File.Exists(marker))
        {
            return;
        }

        var temporary = $"{marker}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, $"NewsAlerts keeps its state in this folder ({SqliteDatabase.FileName}, {UnsubscribeTokens.KeyFileName}). Do not delete the database alone: see docs/reliability.md.\n");
        File.Move(temporary, marker, overwrite: true);
    }

    /// <summary>A storage error as one line: which file, what happened, what to do.</summary>
    public static StateException Explain(SqliteException ex, string database)
    {
        var advice = (ex.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => "it is locked by another process that held it too long: let the other run finish, then run again",
            8 => "it cannot be written (a read-only file, folder or file system): make it writable by this user",
            10 => "the disk reported an I/O error: check the disk, then run again; what is stored stays stored",
            11 or 26 => "it is damaged or not a database: restore it from a backup, or move the state folder away to start afresh (stories already sent would be sent again)",
            13 => "the disk is full: free some space, then run again; nothing stored is lost and the next run finishes what this one could not",
            14 => "it cannot be opened: check that its folder exists and that this user may write there (--state, NewsAlerts:StatePath)",
            3 or 23 => "permission denied: let this user read and write it and its folder",
            _ => "run again; if it persists, restore the file from a backup",
        };
        return new StateException($"state database {database}: SQLite error {ex.SqliteErrorCode} ({Reason(ex.Message)}): {advice}", ex);
    }

    private StateException Lost(string what) => new(
        $"{_database} {what}, but the state folder {_folder} was used before (it holds {_usedBecause}): restore {SqliteDatabase.FileName} from a backup. " +
        "Starting afresh would send stories already sent again and mail addresses that unsubscribed; to do it anyway, move the folder away first");

    /// <summary>SQLite's own words from "SQLite Error 14: 'unable to open database file'.".</summary>
    private static string Reason(string message)
    {
        var open = message.IndexOf('\'');
        var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
        return close > open ? message[(open + 1)..close] : message.Split('\n')[0].Trim();
    }
}
