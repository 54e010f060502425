using System.CommandLine;
using NewsAlerts.Core;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// Options several commands share. None has a default of its own: an option the user leaves out falls through to the
/// environment, <c>appsettings.json</c>, then the defaults of <see cref="NewsAlertsOptions"/> (see <see cref="CliSettings"/>).
/// </summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "Config file with sources, watchlists and subscribers [setting NewsAlerts:ConfigPath, default seeds/newsalerts.json]",
    };

    public static Option<string?> State() => new("--state")
    {
        Description = "Folder of the local store that survives restarts [setting NewsAlerts:StatePath, default .newsalerts]",
    };

    public static Option<string?> Outbox() => new("--outbox")
    {
        Description = "Folder digests are written to as .eml and .html files [setting NewsAlerts:OutboxPath, default outbox]",
    };

    /// <summary>The settings the given options set on this command line; options left out are not in it.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult result, Option<string?>? config = null, Option<string?>? state = null, Option<string?>? outbox = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(overrides, result, config, nameof(NewsAlertsOptions.ConfigPath));
        Add(overrides, result, state, nameof(NewsAlertsOptions.StatePath));
        Add(overrides, result, outbox, nameof(NewsAlertsOptions.OutboxPath));
        return overrides;
    }

    private static void Add(Dictionary<string, string?> overrides, ParseResult result, Option<string?>? option, string setting)
    {
        if (option is not null && result.GetValue(option) is { } value)
        {
            overrides[$"{NewsAlertsOptions.SectionName}:{setting}"] = value;
        }
    }
}
