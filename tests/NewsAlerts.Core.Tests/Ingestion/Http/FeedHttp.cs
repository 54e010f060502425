using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.FullText;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Core.Tests.Ingestion.Http;

/// <summary>The production feed clients and fetcher, composed as the app composes them, with test-sized options.</summary>
internal sealed class FeedHttp : IDisposable
{
    private readonly ServiceProvider _services;

    public FeedHttp(Action<FeedFetchOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddFeedFetching();
        services.Configure<FeedFetchOptions>(options =>
        {
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider();
    }

    public IFeedFetcher Fetcher => _services.GetRequiredService<IFeedFetcher>();

    public FullTextExtractor FullText => _services.GetRequiredService<FullTextExtractor>();

    public static SourceConfig Source(Uri url, bool allowPrivateNetwork = true, TimeSpan? timeout = null) =>
        new() { Id = "s", Url = url.AbsoluteUri, Location = url, AllowPrivateNetwork = allowPrivateNetwork, Timeout = timeout };

    public void Dispose() => _services.Dispose();
}
