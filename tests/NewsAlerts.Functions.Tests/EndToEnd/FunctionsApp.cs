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
/// by <see cref="QueueHostEmulator"/> as the host would drive them.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    private readonly LocalHttpServer _feed;
    private readonly IHost _host;
    private readonly TempFolder _folder;

    private FunctionsApp(LocalHttpServer feed, IHost host, TempFolder folder, Dictionary<string, string?> settings, string connectionString)
    {
        _feed = feed;
        _host = host;
        _folder = folder;
        Settings = settings;
        Queues = new QueueHostEmulator(connectionString, new Dictionary<string, Func<string, CancellationToken, Task>>
        {
            [settings[AppSettings.SourcesQueueName]!] = (m, ct) => Create<IngestSourceFunction>().RunAsync(m, ct),
            [settings[AppSettings.ArticlesQueueName]!] = (m, ct) => { ArticleMessages++; return Create<ProcessArticleFunction>().RunAsync(m, ct); },
            [settings[AppSettings.DigestsQueueName]!] = (m, ct) => Create<SendDigestFunction>().RunAsync(m, ct),
            [settings[AppSettings.UrgentQueueName]!] = (m, ct) => Create<SendUrgentAlertFunction>().RunAsync(m, ct),
        });
    }

    /// <summary>Mid-morning in London on a weekday: Sam's daily 08:00 digest is due.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public Dictionary<string, string?> Settings { get; }

    public QueueHostEmulator Queues { get; }

    public string Outbox => Path.Combine(_folder.Path, "outbox");

    /// <summary>How many article messages the article function received.</summary>
    public int ArticleMessages { get; private set; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the app; <paramref name="services"/> may replace services after <c>AddNewsAlerts()</c> (to inject faults).</summary>
    public static async Task<FunctionsApp> StartAsync(AzuriteFixture azurite, Action<JsonObject>? editConfig = null, Action<IServiceCollection>? services = null)
    {
        var feedXml = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Seeds, "sample-feed.xml"));
        var feed = await LocalHttpServer.StartAsync(app => app.MapGet("/feed.xml", () => Results.Bytes(feedXml, "application/rss+xml")));
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

        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Seeds, "newsalerts.json")))!.AsObject();
        config.Remove("$schema");
        config["sources"]![0]!["url"] = feed.Url("feed.xml").ToString();
        config["sources"]![0]!["allowPrivateNetwork"] = true;
        editConfig?.Invoke(config);
        var container = new BlobContainerClient(azurite.ConnectionString, "config-" + id);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("newsalerts.json").UploadAsync(BinaryData.FromString(config.ToJsonString()), overwrite: true);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNewsAlerts();
        var app = default(FunctionsApp);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_ => app!.Time));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        app = new FunctionsApp(feed, host, folder, settings, azurite.ConnectionString);

        // In Azure the template creates the queues; here the test does.
        foreach (var queue in new[] { AppSettings.SourcesQueueName, AppSettings.ArticlesQueueName, AppSettings.DigestsQueueName, AppSettings.UrgentQueueName })
        {
            await app.Queues.Client(settings[queue]!).CreateIfNotExistsAsync();
        }

        await host.StartAsync();
        return app;
    }

    /// <summary>A function class as the worker makes one: from the container, per invocation.</summary>
    public T Create<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(_host.Services);

    public static TimerInfo Tick() => new();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _feed.DisposeAsync();
        _folder.Dispose();
    }
}
