using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsAlerts.Core.Status;
using NewsAlerts.Infrastructure;
using NewsAlerts.Infrastructure.DependencyInjection;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts status [--json]</c>: each source's health, each subscriber's digests, stuck or failed deliveries and the
/// state's size, from the local SQLite state or, with <c>--storage</c>, from the Azure app's Tables and Blobs. Exit 3
/// when something needs attention, so a monitor can run it.
/// </summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (times in UTC)" };
        var storage = new Option<string?>("--storage")
        {
            Description = "The Azure app's state instead of the local one: a storage connection string, or the account's URL "
                + "(https://ACCOUNT.blob.core.windows.net, signed in as with the Azure CLI); the config is read from its blob",
        };
        var command = new Command("status", "Show source health, pending and next digests, stuck or failed deliveries, and the state's size")
        {
            config, state, json, storage,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(() => PoisonCommand.StorageGuard(console, async () =>
        {
            var overrides = CommonOptions.Overrides(result, config, state);
            if (result.GetValue(storage) is { Length: > 0 } account && AddAzure(overrides, account) is { } problem)
            {
                console.WriteErrorLine($"error: {problem}");
                return CliConsole.BadInput;
            }

            using var host = CliHost.Build(console, overrides);
            var report = await host.Get<StatusService>().BuildAsync(cancellationToken);
            if (result.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { report.At, report.Sources, report.Subscribers, report.Deliveries, report.State, report.NeedsAttention, report.Attention }, Json));
            }
            else
            {
                await StatusText.WriteAsync(console.Out, report, host.Get<TimeProvider>().LocalTimeZone);
            }

            return report.NeedsAttention ? CliConsole.PartlyFailed : CliConsole.Success;
        })));
        return command;
    }

    /// <summary>
    /// Points the services at an Azure account: a connection string as it is, an account URL through the Azure sign-in
    /// (<c>DefaultAzureCredential</c>). Returns what is wrong with <paramref name="storage"/>, or null.
    /// </summary>
    private static string? AddAzure(Dictionary<string, string?> overrides, string storage)
    {
        overrides[AzureStorageServiceExtensions.StorageModeKey] = "Azure";
        if (storage.Contains('=', StringComparison.Ordinal))
        {
            overrides[AppSettings.Storage] = storage;
            return null;
        }

        if (!Uri.TryCreate(storage, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            return $"--storage '{storage}' is neither a connection string nor an https account URL";
        }

        var account = url.Host.Split('.')[0];
        overrides[AppSettings.Storage] = "";
        foreach (var service in (string[])["blob", "queue", "table"])
        {
            overrides[$"{AppSettings.Storage}:{service}ServiceUri"] = $"https://{account}.{service}.core.windows.net/";
        }

        return null;
    }
}

/// <summary>The status report as text, times in the machine's time zone.</summary>
internal static class StatusText
{
    public static async Task WriteAsync(TextWriter output, StatusReport report, TimeZoneInfo zone)
    {
        string Time(DateTimeOffset? time) => time is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";

        var size = report.State;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"NewsAlerts status at {TimeZoneInfo.ConvertTime(report.At, zone):yyyy-MM-dd HH:mm zzz}; state {size.Location}: {Bytes(size.Bytes)}, {size.Articles} articles, {size.Alerts} alerts, {size.Deliveries} digest(s)"));
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"Sources",-24}{"last poll",-18}{"last success",-18}{"failures",-10}{"items",-7}next due");
        foreach (var source in report.Sources)
        {
            var next = !source.Enabled ? "disabled" : source.NextPollAt <= report.At ? "now" : Time(source.NextPollAt);
            await output.WriteLineAsync($"  {source.Id,-22}{Time(source.LastPolledAt),-18}{Time(source.LastSuccessAt),-18}{source.ConsecutiveFailures,-10}{source.ItemsLastRead?.ToString(CultureInfo.InvariantCulture) ?? "-",-7}{next}");
            if (source.LastError is { } error)
            {
                await output.WriteLineAsync($"      last error: {error}");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"Subscribers",-24}{"schedule",-20}{"pending",-9}{"last digest sent",-18}next digest due");
        foreach (var subscriber in report.Subscribers)
        {
            var next = subscriber.Unsubscribed ? "unsubscribed" : subscriber.NextDigestAt is { } at ? (at <= report.At ? "now" : Time(at)) : "next run with news";
            await output.WriteLineAsync($"  {subscriber.Id,-22}{subscriber.Schedule,-20}{subscriber.PendingAlerts,-9}{Time(subscriber.LastDigestSentAt),-18}{next}");
        }

        await output.WriteLineAsync();
        if (report.Deliveries.Count == 0)
        {
            await output.WriteLineAsync("Deliveries: none stuck, none failed in the last 7 days");
        }
        else
        {
            await output.WriteLineAsync("Deliveries that need attention");
            foreach (var problem in report.Deliveries)
            {
                await output.WriteLineAsync($"  {problem.Problem,-8}digest {problem.DigestId} for {problem.SubscriberId} ({problem.Period}), {problem.State} since {Time(problem.Since)}: {problem.Detail}");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(report.NeedsAttention
            ? $"Needs attention ({report.Attention.Count}):{Environment.NewLine}{string.Join(Environment.NewLine, report.Attention.Select(a => $"  - {a}"))}"
            : "All good.");
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };
}
