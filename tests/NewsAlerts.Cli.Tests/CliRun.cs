using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary>Runs the <c>newsalerts</c> command in-process and captures what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await NewsAlertsCli.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A copy of the seeds in a temp folder, with state and outbox folders next to it.</summary>
public sealed class SeedWorkspace : IDisposable
{
    private readonly TempFolder _folder = new();

    public SeedWorkspace()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, _folder.File(Path.GetFileName(file)));
        }
    }

    public string Folder => _folder.Path;

    public string Config => _folder.File("newsalerts.json");

    public string State => _folder.File("state");

    public string Outbox => _folder.File("outbox");

    public string Write(string name, string content) => _folder.Write(name, content);

    public string MakeFifo(string name) => _folder.MakeFifo(name);

    /// <summary>Writes a copy of the seed config with one more source, <c>local</c>, at <paramref name="url"/> (on 127.0.0.1).</summary>
    public string ConfigWithSource(Uri url, string pollInterval = "15m")
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Config))!;
        config["sources"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "local",
            ["url"] = url.AbsoluteUri,
            ["pollInterval"] = pollInterval,
            ["allowPrivateNetwork"] = true,
        });
        return Write("with-local.json", config.ToJsonString());
    }

    public string[] RunArgs(string? config = null) =>
        ["run", "--once", "--config", config ?? Config, "--state", State, "--outbox", Outbox];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
