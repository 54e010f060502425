using NewsAlerts.Core.Configuration;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>Hands out a config built in code; tests may swap it.</summary>
public sealed class FixedConfigProvider(NewsAlertsConfig config) : IConfigProvider
{
    public NewsAlertsConfig Config { get; set; } = config;

    public ValueTask<NewsAlertsConfig> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Config);
}
