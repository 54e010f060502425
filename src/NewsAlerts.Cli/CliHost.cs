using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsAlerts.Core;
using NewsAlerts.Infrastructure.DependencyInjection;

namespace NewsAlerts.Cli;

/// <summary>Paths a command works with; each defaults to the embedded layout and can be overridden by an option.</summary>
public sealed record CliPaths(string ConfigPath, string StatePath, string OutboxPath);

/// <summary>Builds the same service graph the Functions app uses, with the CLI's paths and quiet logging.</summary>
internal static class CliHost
{
    public static IHost Build(CliPaths paths)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = false,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{NewsAlertsOptions.SectionName}:{nameof(NewsAlertsOptions.ConfigPath)}"] = paths.ConfigPath,
            [$"{NewsAlertsOptions.SectionName}:{nameof(NewsAlertsOptions.StatePath)}"] = paths.StatePath,
            [$"{NewsAlertsOptions.SectionName}:{nameof(NewsAlertsOptions.OutboxPath)}"] = paths.OutboxPath,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddNewsAlerts();
        return builder.Build();
    }

    public static T Get<T>(this IHost host)
        where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>
    /// Runs a command body that uses the state folder: a storage error on the way (a full disk, a file made read-only)
    /// becomes a <see cref="Core.StateException"/> naming the database and saying what to do.
    /// </summary>
    public static async Task<int> WithStateAsync(string statePath, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw Infrastructure.Sqlite.SqliteDatabase.Explain(ex, Path.Combine(statePath, Infrastructure.Sqlite.SqliteDatabase.FileName));
        }
    }

    /// <summary>
    /// Checks the state before a command touches it: the database first (so a fresh folder gets it before its key),
    /// then the unsubscribe key. State that cannot be trusted stops the command with a <see cref="Core.StateException"/>.
    /// </summary>
    public static async Task PrepareStateAsync(this IHost host, CancellationToken cancellationToken)
    {
        if (host.Services.GetService<Infrastructure.Sqlite.SqliteDatabase>() is { } database)
        {
            await (await database.OpenAsync(cancellationToken)).DisposeAsync();
        }

        host.Get<Core.Unsubscribe.UnsubscribeTokens>().EnsureKey();
    }
}
