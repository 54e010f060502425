using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// The config file as a blob: read at first use, then its ETag is checked at most every
/// <see cref="AzureStorageOptions.ConfigRefreshInterval"/> and a changed blob is read and validated before use. A bad
/// upload keeps the last good config running and logs one error naming the problem (once per bad ETag).
/// </summary>
public sealed partial class BlobConfigProvider(
    StorageClients clients,
    IOptions<AzureStorageOptions> options,
    TimeProvider time,
    ILogger<BlobConfigProvider> logger) : IConfigProvider, IDisposable
{
    private readonly BlobClient _blob = clients.Container(options.Value.ConfigContainer).GetBlobClient(options.Value.ConfigBlobName);
    private readonly TimeSpan _refresh = options.Value.ConfigRefreshInterval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Loaded? _good;
    private ETag? _rejected;
    private DateTimeOffset _checkedAt;

    public async ValueTask<NewsAlertsConfig> GetAsync(CancellationToken cancellationToken)
    {
        if (_good is { } good && time.GetUtcNow() - _checkedAt < _refresh)
        {
            return good.Config;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RefreshAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<NewsAlertsConfig> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_good is { } good && now - _checkedAt < _refresh)
        {
            return good.Config;
        }

        var etag = (await _blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        _checkedAt = now;
        if (_good is { } current && (current.ETag == etag || _rejected == etag))
        {
            return current.Config;
        }

        var download = await _blob.DownloadContentAsync(cancellationToken);
        var display = $"{_blob.BlobContainerName}/{_blob.Name}";
        try
        {
            var config = ConfigLoader.Parse(download.Value.Content.ToMemory().Span, display, AppContext.BaseDirectory);
            _good = new Loaded(download.Value.Details.ETag, config);
            _rejected = null;
            LogLoaded(display, download.Value.Details.ETag.ToString());
            return config;
        }
        catch (ConfigException ex) when (_good is { } last)
        {
            _rejected = download.Value.Details.ETag;
            LogRejected(display, string.Join("; ", ex.Errors.Select(e => e.ToString())), last.ETag.ToString());
            return last.Config;
        }
    }

    private sealed record Loaded(ETag ETag, NewsAlertsConfig Config);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config {Blob} loaded (ETag {ETag})")]
    private partial void LogLoaded(string blob, string etag);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {Blob} was changed but is invalid, so the last good config (ETag {GoodETag}) stays in use: {Errors}")]
    private partial void LogRejected(string blob, string errors, string goodETag);
}
