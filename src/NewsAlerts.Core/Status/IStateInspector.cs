using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Status;

/// <summary>
/// Read-only questions an operator asks of the state, for <c>newsalerts status</c>: answered by the SQLite store on one
/// machine and by Tables and Blobs in Azure. Nothing here changes the state.
/// </summary>
public interface IStateInspector
{
    /// <summary>Every digest in the delivery ledger (one record per subscriber and period).</summary>
    Task<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(CancellationToken cancellationToken);

    /// <summary>How many alerts wait for a digest, per subscriber id (subscribers with none may be missing).</summary>
    Task<IReadOnlyDictionary<string, int>> CountPendingAlertsAsync(CancellationToken cancellationToken);

    /// <summary>Where the state is and how big it is.</summary>
    Task<StateSize> GetSizeAsync(CancellationToken cancellationToken);
}

/// <summary>The state's size: where it lives, its bytes on disk or in blobs, and its main record counts.</summary>
public sealed record StateSize(string Location, long Bytes, int Articles, int Alerts, int Deliveries);
