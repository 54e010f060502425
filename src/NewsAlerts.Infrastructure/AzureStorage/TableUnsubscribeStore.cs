using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>Unsubscribed addresses in Table storage, keyed by the lower-cased address.</summary>
public sealed class TableUnsubscribeStore(StorageClients clients, IOptions<AzureStorageOptions> options) : IUnsubscribeStore
{
    private const string Partition = "unsubscribed";
    private readonly Created<TableClient> _table = StorageResources.Table(clients, options.Value.TablePrefix + "unsubscribes");

    public async Task<bool> AddAsync(string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, Key(email)) { ["Email"] = email, ["At"] = at }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> ContainsAsync(string email, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(email), select: ["PartitionKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    private static string Key(string email) => TableKeys.Escape(email.Trim().ToLowerInvariant());
}
