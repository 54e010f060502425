namespace NewsAlerts.Core.Ingestion;

/// <summary>Hands due source ids to the stage that fetches them, one message per source (a Storage queue in Azure).</summary>
public interface ISourceQueue
{
    Task EnqueueAsync(IReadOnlyList<string> sourceIds, CancellationToken cancellationToken);
}
