using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// A table, container or queue created on first use (Azurite starts empty; in Azure the template creates them and
/// the create call is a cheap no-op), so stores need no start-up step.
/// </summary>
internal sealed class Created<T>(T client, Func<T, CancellationToken, Task> create)
    where T : class
{
    private Task? _created;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var created = _created ??= create(client, CancellationToken.None);
        try
        {
            await created.WaitAsync(cancellationToken);
        }
        catch when (created.IsFaulted)
        {
            _created = null;
            throw;
        }

        return client;
    }
}

internal static class StorageResources
{
    public static Created<TableClient> Table(StorageClients clients, string name) =>
        new(clients.Table(name), async (t, ct) => await t.CreateIfNotExistsAsync(ct));

    public static Created<BlobContainerClient> Container(StorageClients clients, string name) =>
        new(clients.Container(name), async (c, ct) => await c.CreateIfNotExistsAsync(cancellationToken: ct));

    public static Created<QueueClient> Queue(StorageClients clients, string name) =>
        new(clients.Queue(name), async (q, ct) => await q.CreateIfNotExistsAsync(cancellationToken: ct));
}

/// <summary>Table keys may not hold '/', '\', '#', '?' or control characters: ids that come from config are escaped.</summary>
internal static class TableKeys
{
    public static string Escape(string value) => Uri.EscapeDataString(value);

    public static string Unescape(string key) => Uri.UnescapeDataString(key);
}
