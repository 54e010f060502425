using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NewsAlerts.Core.Configuration;

/// <summary>
/// Reads the config file named by <see cref="NewsAlertsOptions.ConfigPath"/>, again whenever it changes on disk. The
/// first read must succeed (bad input stops a run before it starts); after that an edit that cannot be used is a
/// warning, once per edit, and the last good config stays in force, so a long-running <c>run --every</c> keeps
/// monitoring while the file is being fixed.
/// </summary>
public sealed partial class FileConfigProvider(IOptions<NewsAlertsOptions> options, ILogger<FileConfigProvider> logger) : IConfigProvider
{
    private readonly string _path = options.Value.ConfigPath;
    private (DateTime WrittenAt, NewsAlertsConfig Config)? _loaded;
    private DateTime? _refused;

    public ValueTask<NewsAlertsConfig> GetAsync(CancellationToken cancellationToken)
    {
        var writtenAt = File.GetLastWriteTimeUtc(_path);
        if (_loaded is { } loaded && (loaded.WrittenAt == writtenAt || _refused == writtenAt))
        {
            return ValueTask.FromResult(loaded.Config);
        }

        NewsAlertsConfig config;
        try
        {
            config = ConfigLoader.Load(_path);
        }
        catch (ConfigException ex) when (_loaded is { } lastGood)
        {
            _refused = writtenAt;
            LogEditRefused(_path, string.Join("; ", ex.Errors));
            return ValueTask.FromResult(lastGood.Config);
        }

        if (_loaded is not null)
        {
            LogReloaded(_path, config.Sources.Count, config.Watchlists.Count, config.Subscribers.Count);
        }

        _loaded = (writtenAt, config);
        _refused = null;
        return ValueTask.FromResult(config);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "config {Path} changed but cannot be used, so the last good config stays in force: {Problems}")]
    private partial void LogEditRefused(string path, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config {Path} reloaded: {SourceCount} sources, {WatchlistCount} watchlists, {SubscriberCount} subscribers")]
    private partial void LogReloaded(string path, int sourceCount, int watchlistCount, int subscriberCount);
}
