using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsAlerts.Infrastructure.DependencyInjection;

namespace NewsAlerts.Cli;

/// <summary>
/// Builds the same service graph the Functions app uses, with the CLI's settings layers (<see cref="CliSettings"/>)
/// and quiet logging: warnings and errors, one line each; with <c>--verbose</c> also information and stack traces.
/// </summary>
internal static class CliHost
{
    public static IHost Build(CliConsole console, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        CliSettings.AddLayers(builder.Configuration, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CliLoggerProvider(console));
        builder.Logging.AddFilter((category, level) => level >= (console.Verbose ? LogLevel.Information : LogLevel.Warning) && Shown(category, level, console.Verbose));
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

    /// <summary>
    /// Polly reports every retry attempt (the last one as an error) and HttpClient every request; NewsAlerts reports a
    /// failed fetch once, with its attempt count, so those stay out of the default output.
    /// </summary>
    private static bool Shown(string? category, LogLevel level, bool verbose) =>
        category switch
        {
            _ when category?.StartsWith("Polly", StringComparison.Ordinal) == true => verbose,
            _ when category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true => level >= LogLevel.Warning,
            "NewsAlerts.Core.Unsubscribe.UnsubscribeService" => verbose, // the unsubscribe command says it in its own words
            _ => true,
        };
}
