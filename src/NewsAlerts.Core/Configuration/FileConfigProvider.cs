using Microsoft.Extensions.Options;

namespace NewsAlerts.Core.Configuration;

/// <summary>Reads the config file named by <see cref="NewsAlertsOptions.ConfigPath"/>, again whenever it changes on disk.</summary>
public sealed class FileConfigProvider(IOptions<NewsAlertsOptions> options) : IConfigProvider
{
    private readonly string _path = options.Value.ConfigPath;
    private (DateTime WrittenAt, NewsAlertsConfig Config)? _loaded;

    public ValueTask<NewsAlertsConfig> GetAsync(CancellationToken cancellationToken)
    {
        var writtenAt = File.GetLastWriteTimeUtc(_path);
        if (_loaded is { } loaded && loaded.WrittenAt == writtenAt)
        {
            return ValueTask.FromResult(loaded.Config);
        }

        var config = ConfigLoader.Load(_path);
        _loaded = (writtenAt, config);
        return ValueTask.FromResult(config);
    }
}
