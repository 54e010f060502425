namespace NewsAlerts.Core.Configuration;

/// <summary>Hands out the current, validated config; implementations may reload it when the file changes.</summary>
public interface IConfigProvider
{
    ValueTask<NewsAlertsConfig> GetAsync(CancellationToken cancellationToken);
}
