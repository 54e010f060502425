using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Infrastructure.DependencyInjection;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Pipeline;

/// <summary>
/// A copy of the seeds in a temporary folder, and the CLI's composed services over it (SQLite state folder, outbox),
/// built afresh for each run as a new <c>newsalerts run</c> process builds them.
/// </summary>
internal sealed class SeedPipeline : IDisposable
{
    public SeedPipeline()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Folder.File(Path.GetFileName(file)));
        }
    }

    public TempFolder Folder { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public string Outbox => Folder.File("outbox");

    /// <summary>A fresh service graph on the fake clock; <paramref name="replace"/> wraps the services a test breaks.</summary>
    public IHost Build(Action<IServiceCollection>? replace = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsAlerts:ConfigPath"] = Folder.File("newsalerts.json"),
            ["NewsAlerts:StatePath"] = Folder.File("state"),
            ["NewsAlerts:OutboxPath"] = Outbox,
        });
        builder.AddNewsAlerts();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        replace?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>One <c>run --once</c> in a fresh graph; the connection pools are cleared after it, as a process exit would.</summary>
    public async Task<RunSummary> RunOnceAsync(Action<IServiceCollection>? replace = null)
    {
        using var host = Build(replace);
        try
        {
            return await host.Services.GetRequiredService<PipelineRunner>().RunOnceAsync(null, CancellationToken.None);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Dispose();
    }
}
