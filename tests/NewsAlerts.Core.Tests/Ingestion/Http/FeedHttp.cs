using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.Core.Ingestion.FullText;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.TestSupport.Fakes;

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

    /// <summary>Ingestion over these clients (or <paramref name="fetcher"/>) with in-memory feed state and de-duplication.</summary>
    public IngestService Ingest(IArticleStore articles, FeedFetchOptions options, IReadOnlyList<SourceConfig> sources, IFeedFetcher? fetcher = null) => new(
        fetcher ?? Fetcher,
        FullText,
        new InMemoryFeedStateStore(),
        articles,
        new Deduplicator(new InMemoryDeduplicationStore(), Options.Create(new DeduplicationOptions()), TimeProvider.System),
        new FixedConfigProvider(new NewsAlertsConfig { Sources = sources }),
        Options.Create(options),
        TimeProvider.System,
        NullLogger<IngestService>.Instance);

    public static SourceConfig Source(Uri url, bool allowPrivateNetwork = true, TimeSpan? timeout = null) =>
        new() { Id = "s", Url = url.AbsoluteUri, Location = url, AllowPrivateNetwork = allowPrivateNetwork, Timeout = timeout };

    public void Dispose() => _services.Dispose();
}
