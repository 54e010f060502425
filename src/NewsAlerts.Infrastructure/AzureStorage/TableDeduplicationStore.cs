using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// The de-duplication window in Table storage, shared by every instance of the Functions app, as a log: entry n (one
/// poll's fingerprints) is the rows <c>n-000</c>, <c>n-001</c>, ... of partition <c>log-{n / 1000}</c>, each row holding
/// up to <see cref="CharsPerRow"/> characters of fingerprints, one per line. An append inserts its rows in one
/// entity-group transaction; inserting fails when the row exists, so only one instance can append entry n and the
/// others learn that the log moved (see <see cref="Deduplicator"/>). Reading what others appended is a range query
/// from the reader's position on; the whole window is read once a day.
/// </summary>
/// <remarks>
/// Why a log and not a lookup table keyed by SimHash bands: finding every fingerprint within 7 bits through band keys
/// takes 68 partition queries per article (a 16-bit key and its 16 one-bit neighbours in each of 4 bands), and two
/// instances writing band rows at once can each miss the other's, so they still need an order to agree on a cluster.
/// The log gives that order with one conditional insert per poll and one range read per poll, and the in-memory
/// index (13 us per lookup at a million fingerprints) does the near-duplicate search. Rows written before the log
/// (partition <c>fingerprints</c>, one per article) are still read and purged.
/// </remarks>
public sealed class TableDeduplicationStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IDeduplicationStore
{
    /// <summary>Characters of fingerprint lines per row: a string property holds at most 32K UTF-16 characters.</summary>
    public const int CharsPerRow = 30_000;

    private const int EntriesPerPartition = 1000;
    private const int TransactionLimit = 100;
    private const string LogPrefix = "log-";
    private const string LegacyPartition = "fingerprints";
    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "dedup");

    public async Task<LogSlice> LoadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var fingerprints = new List<ArticleFingerprint>();
        var legacy = TableClient.CreateQueryFilter($"PartitionKey eq {LegacyPartition} and SeenAt ge {since}");
        await foreach (var entity in table.QueryAsync<TableEntity>(legacy, cancellationToken: cancellationToken))
        {
            fingerprints.Add(FromLegacyRow(entity));
        }

        var log = await ReadLogAsync(table, $"PartitionKey ge '{LogPrefix}' and PartitionKey lt 'log.'", cancellationToken);
        fingerprints.AddRange(log.Fingerprints.Where(f => f.SeenAt >= since));
        return log with { Fingerprints = fingerprints };
    }

    public async Task<LogSlice> ReadAfterAsync(long position, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var next = position + 1;

        var read = await ReadLogAsync(table, FromEntry(next), cancellationToken);
        return read with { Position = Math.Max(position, read.Position) };
    }

    public async Task<bool> TryAppendAsync(long position, IReadOnlyList<ArticleFingerprint> fingerprints, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entry = position + 1;
        var rows = Lines(fingerprints).Select((chunk, part) => new TableEntity(Partition(entry), RowKey(entry, part))
        {
            ["Fingerprints"] = chunk.Text,
            ["SeenAt"] = chunk.SeenAt,
        }).ToList();
        if (rows.Count > TransactionLimit)
        {
            throw new ArgumentException($"{fingerprints.Count} fingerprints do not fit in one log entry; append at most {Deduplicator.MaxFingerprintsPerEntry}", nameof(fingerprints));
        }

        try
        {
            await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // another instance appended this entry first
        }
    }

    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var old = new List<TableEntity>();
        var oldRows = TableClient.CreateQueryFilter($"SeenAt lt {cutoff}");
        await foreach (var row in table.QueryAsync<TableEntity>(oldRows, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            old.Add(row);
        }

        // The newest entry stays, whatever its age: positions must never go back.
        var newest = old.Where(r => r.PartitionKey.StartsWith(LogPrefix, StringComparison.Ordinal)).Select(r => r.RowKey[..12]).DefaultIfEmpty("").Max(StringComparer.Ordinal);
        if (newest is { Length: > 0 } && !await HasEntryAfterAsync(table, long.Parse(newest, CultureInfo.InvariantCulture), cancellationToken))
        {
            old.RemoveAll(r => r.PartitionKey.StartsWith(LogPrefix, StringComparison.Ordinal) && r.RowKey.StartsWith(newest, StringComparison.Ordinal));
        }

        foreach (var partition in old.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(TransactionLimit))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e)), cancellationToken);
            }
        }

        return old.Count;
    }

    private static async Task<bool> HasEntryAfterAsync(TableClient table, long entry, CancellationToken cancellationToken)
    {
        await foreach (var _ in table.QueryAsync<TableEntity>(FromEntry(entry + 1), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    private static async Task<LogSlice> ReadLogAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var fingerprints = new List<ArticleFingerprint>();
        long newest = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Fingerprints"], cancellationToken: cancellationToken))
        {
            newest = Math.Max(newest, long.Parse(row.RowKey[..12], CultureInfo.InvariantCulture));
            fingerprints.AddRange(Parse(row.GetString("Fingerprints") ?? ""));
        }

        return new LogSlice(fingerprints, newest);
    }

    /// <summary>
    /// The log from <paramref name="entry"/> on: later partitions hold later entries, so one range from its row reads
    /// them all. Readers (what comes after my position) and purging (is anything newer) must agree on it.
    /// </summary>
    private static string FromEntry(long entry) =>
        $"PartitionKey ge '{Partition(entry)}' and PartitionKey lt 'log.' and RowKey ge '{RowKey(entry, 0)}'";

    private static string Partition(long entry) => string.Create(CultureInfo.InvariantCulture, $"{LogPrefix}{entry / EntriesPerPartition:D10}");

    private static string RowKey(long entry, int part) => string.Create(CultureInfo.InvariantCulture, $"{entry:D12}-{part:D3}");

    /// <summary>The fingerprints as lines, cut into rows of at most <see cref="CharsPerRow"/> characters, each with its newest time.</summary>
    private static IEnumerable<(string Text, DateTimeOffset SeenAt)> Lines(IReadOnlyList<ArticleFingerprint> fingerprints)
    {
        var text = new StringBuilder();
        var seenAt = DateTimeOffset.MinValue;
        foreach (var fingerprint in fingerprints)
        {
            var line = Format(fingerprint);
            if (text.Length > 0 && text.Length + line.Length > CharsPerRow)
            {
                yield return (text.ToString(), seenAt);
                (text, seenAt) = (new StringBuilder(), DateTimeOffset.MinValue);
            }

            text.Append(line);
            seenAt = fingerprint.SeenAt > seenAt ? fingerprint.SeenAt : seenAt;
        }

        if (text.Length > 0)
        {
            yield return (text.ToString(), seenAt);
        }
    }

    /// <summary>One line: id, URL, content hash, SimHash (hex), cluster, UTC ticks, tab-separated; '%', tab and newline escaped.</summary>
    private static string Format(ArticleFingerprint f) => string.Create(CultureInfo.InvariantCulture,
        $"{Escape(f.ArticleId)}\t{Escape(f.CanonicalUrl)}\t{Escape(f.ContentHash)}\t{f.SimHash:x16}\t{Escape(f.ClusterId)}\t{f.SeenAt.UtcTicks}\n");

    private static IEnumerable<ArticleFingerprint> Parse(string lines)
    {
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var field = line.Split('\t');
            yield return new ArticleFingerprint(
                Unescape(field[0]),
                Unescape(field[1]),
                Unescape(field[2]),
                ulong.Parse(field[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Unescape(field[4]),
                new DateTimeOffset(long.Parse(field[5], CultureInfo.InvariantCulture), TimeSpan.Zero));
        }
    }

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny('%', '\t', '\n') < 0 ? value : value.Replace("%", "%25", StringComparison.Ordinal).Replace("\t", "%09", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Unescape(string value) => value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;

    private static ArticleFingerprint FromLegacyRow(TableEntity entity) => new(
        TableKeys.Unescape(entity.RowKey),
        entity.GetString("CanonicalUrl") ?? "",
        entity.GetString("ContentHash") ?? "",
        unchecked((ulong)(entity.GetInt64("SimHash") ?? 0)),
        entity.GetString("ClusterId") ?? "",
        entity.GetDateTimeOffset("SeenAt") ?? default);
}
