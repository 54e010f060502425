namespace NewsAlerts.Core.Ingestion;

/// <summary>Hands new article ids to the stage that analyses and matches them (a Storage queue in Azure).</summary>
public interface IArticleQueue
{
    Task EnqueueAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken);
}
