using System.CommandLine;

namespace NewsAlerts.Cli.Commands;

/// <summary>Options several commands share, with the embedded defaults.</summary>
internal static class CommonOptions
{
    public static Option<string> Config() => new("--config")
    {
        Description = "Config file with sources, watchlists and subscribers",
        DefaultValueFactory = _ => "seeds/newsalerts.json",
    };

    public static Option<string> State() => new("--state")
    {
        Description = "Folder of the local store that survives restarts",
        DefaultValueFactory = _ => ".newsalerts",
    };

    public static Option<string> Outbox() => new("--outbox")
    {
        Description = "Folder digests are written to as .eml and .html files",
        DefaultValueFactory = _ => "outbox",
    };
}
