using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Infrastructure;
using NewsAlerts.Infrastructure.DependencyInjection;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Functions.Tests.EndToEnd;

/// <summary>
/// The Functions app's service graph (the same <c>AddNewsAlerts()</c>, with <c>NewsAlerts:Storage=Azure</c>) over a
/// shared Azurite with this test's own queues, tables and containers; the seed config uploaded as the config blob
/// with its source served by a local HTTP server; the outbox as the delivery provider; the function classes driven
/// by <see cref="QueueHostEmulator"/> as the host would drive them. <see cref="AddInstanceAsync"/> starts more
/// instances of the app over the same storage, as Azure does when it scales out.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    private readonly LocalHttpServer _feed;
    private readonly TempFolder _folder;
    private readonly string _connectionString;
    private readonly List<FunctionsInstance> _instances = [];

    private FunctionsApp(LocalHttpServer feed, TempFolder folder, Dictionary<string, string?> settings, string connectionString, ConcurrentDictionary<string, byte[]> feeds)
    {
        _feed = feed;
        _folder = folder;
        _connectionString = connectionString;
        Settings = settings;
        Feeds = feeds;
    }

    /// <summary>Mid-morning in London on a weekday: Sam's daily 08:00 digest is due.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public Dictionary<string, string?> Settings { get; }

    /// <summary>Feed documents the local feed server answers with, by path (<c>feed.xml</c> is the seed feed); changes show at the next poll.</summary>
    public ConcurrentDictionary<string, byte[]> Feeds { get; }

    /// <summary>Every instance started, the first one first.</summary>
    public IReadOnlyList<FunctionsInstance> Instances => _instances;

    /// <summary>The first instance's queue host.</summary>
    public QueueHostEmulator Queues => _instances[0].Queues;

    public string Outbox => Path.Combine(_folder.Path, "outbox");

    /// <summary>How many article messages the first instance's article function received.</summary>
    public int ArticleMessages => _instances[0].ArticleMessages;

    public IServiceProvider Services => _instances[0].Services;

    /// <summary>
    /// Starts the app with one instance; <paramref name="editConfig"/> changes the seed config before it is uploaded;
    /// <paramref name="services"/> may replace services after <c>AddNewsAlerts()</c> (to inject faults);
    /// <paramref name="appSettings"/> adds app settings (such as those channels name for their URLs and secrets).
    /// </summary>
    public static async Task<FunctionsApp> StartAsync(
        AzuriteFixture azurite, Action<JsonObject>? editConfig = null, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? appSettings = null)
    {
        var feeds = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["feed.xml"] = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Seeds, "sample-feed.xml")),
        };
        var feed = await LocalHttpServer.StartAsync(app => app.MapGet("/{name}", (string name) =>
            feeds.TryGetValue(name, out var body) ? Results.Bytes(body, "application/rss+xml") : Results.NotFound()));
        var folder = new TempFolder();
        var id = AzuriteFixture.UniqueName("");
        var settings = new Dictionary<string, string?>
        {
            [AppSettings.Storage] = azurite.ConnectionString,
            ["NewsAlerts:Storage"] = "Azure",
            ["NewsAlerts:Azure:TablePrefix"] = "t" + id,
            ["NewsAlerts:Azure:ArticlesContainer"] = "articles-" + id,
            ["NewsAlerts:Azure:ConfigContainer"] = "config-" + id,
            ["NewsAlerts:OutboxPath"] = Path.Combine(folder.Path, "outbox"),
            ["NewsAlerts:StatePath"] = Path.Combine(folder.Path, "state"),
            ["NewsAlerts:Unsubscribe:Secret"] = "end-to-end-secret-end-to-end-secret-0123",
            [AppSettings.SourcesQueueName] = "sources-" + id,
            [AppSettings.ArticlesQueueName] = "articles-" + id,
            [AppSettings.DigestsQueueName] = "digests-" + id,
            [AppSettings.UrgentQueueName] = "urgent-" + id,
        };

        foreach (var (name, value) in appSettings ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Seeds, "newsalerts.json")))!.AsObject();
        config.Remove("$schema");
        config["sources"]![0]!["url"] = feed.Url("feed.xml").ToString();
        config["sources"]![0]!["allowPrivateNetwork"] = true;
        editConfig?.Invoke(config);
        var container = new BlobContainerClient(azurite.ConnectionString, "config-" + id);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("newsalerts.json").UploadAsync(BinaryData.FromString(config.ToJsonString()), overwrite: true);

        var app = new FunctionsApp(feed, folder, settings, azurite.ConnectionString, feeds);

        // In Azure the template creates the queues; here the test does.
        var queues = new QueueHostEmulator(azurite.ConnectionString, new Dictionary<string, Func<string, CancellationToken, Task>>());
        foreach (var queue in new[] { AppSettings.SourcesQueueName, AppSettings.ArticlesQueueName, AppSettings.DigestsQueueName, AppSettings.UrgentQueueName })
        {
            await queues.Client(settings[queue]!).CreateIfNotExistsAsync();
        }

        await app.AddInstanceAsync(services);
        return app;
    }

    /// <summary>The URL of a document in <see cref="Feeds"/>.</summary>
    public Uri FeedUrl(string name) => _feed.Url(name);

    /// <summary>
    /// Starts one more instance of the app over the same storage, config and clock, with its own memory (caches,
    /// de-duplication window) and its own queue host; <paramref name="services"/> may change its services.
    /// </summary>
    public async Task<FunctionsInstance> AddInstanceAsync(Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.AddNewsAlerts();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var instance = new FunctionsInstance(host, _connectionString, Settings);
        await host.StartAsync();
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A function class of the first instance, as the worker makes one: from the container, per invocation.</summary>
    public T Create<T>()
        where T : class => _instances[0].Create<T>();

    public static TimerInfo Tick() => new();

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _feed.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>One instance of the Functions app: its services and a queue host that runs its functions.</summary>
public sealed class FunctionsInstance : IAsyncDisposable
{
    private readonly IHost _host;
    private int _articleMessages;

    internal FunctionsInstance(IHost host, string connectionString, Dictionary<string, string?> settings)
    {
        _host = host;
        Queues = new QueueHostEmulator(connectionString, new Dictionary<string, Func<string, CancellationToken, Task>>
        {
            [settings[AppSettings.SourcesQueueName]!] = (m, ct) => Create<IngestSourceFunction>().RunAsync(m, ct),
            [settings[AppSettings.ArticlesQueueName]!] = (m, ct) =>
            {
                Interlocked.Increment(ref _articleMessages);
                return Create<ProcessArticleFunction>().RunAsync(m, ct);
            },
            [settings[AppSettings.DigestsQueueName]!] = (m, ct) => Create<SendDigestFunction>().RunAsync(m, ct),
            [settings[AppSettings.UrgentQueueName]!] = (m, ct) => Create<SendUrgentAlertFunction>().RunAsync(m, ct),
        });
    }

    public QueueHostEmulator Queues { get; }

    /// <summary>How many article messages this instance's article function received.</summary>
    public int ArticleMessages => Volatile.Read(ref _articleMessages);

    public IServiceProvider Services => _host.Services;

    /// <summary>A function class as the worker makes one: from the container, per invocation.</summary>
    public T Create<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(_host.Services);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
