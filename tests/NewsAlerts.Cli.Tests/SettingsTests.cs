using System.Text.Json.Nodes;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// Where the three paths come from, one test per layer, each run as its own process so the working folder
/// (appsettings.json) and the environment are the program's own: option &gt; environment &gt; appsettings.json &gt; default.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public SettingsTests()
    {
        // The default config path is seeds/newsalerts.json under the working folder, as in the repository.
        Directory.CreateDirectory(_folder.File("seeds"));
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(_folder.File("seeds"), Path.GetFileName(file)));
        }

        foreach (var layer in (string[])["appsettings", "env", "option"])
        {
            Directory.CreateDirectory(_folder.File(layer));
            File.Copy(_folder.File("seeds/newsalerts.json"), _folder.File($"{layer}/newsalerts.json"));
            File.Copy(_folder.File("seeds/sample-feed.xml"), _folder.File($"{layer}/sample-feed.xml"));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private void WriteAppSettings() => _folder.Write("appsettings.json", new JsonObject
    {
        ["NewsAlerts"] = new JsonObject
        {
            ["ConfigPath"] = "appsettings/newsalerts.json",
            ["StatePath"] = "appsettings/state",
            ["OutboxPath"] = "appsettings/outbox",
        },
    }.ToJsonString());

    private static Dictionary<string, string?> Environment() => new()
    {
        ["NewsAlerts__ConfigPath"] = "env/newsalerts.json",
        ["NewsAlerts__StatePath"] = "env/state",
        ["NewsAlerts__OutboxPath"] = "env/outbox",
    };

    private async Task AssertRunUsedAsync(string[] args, Dictionary<string, string?>? environment, string layer, string state, string outbox)
    {
        var run = await CliProcess.RunAsync(_folder.Path, environment, ["run", "--once", .. args]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Single(Directory.GetFiles(_folder.File(outbox), "*.eml"));
        Assert.True(File.Exists(_folder.File($"{state}/newsalerts.db")), $"{layer}: no state in {state}");
        var used = new[] { "seeds", "appsettings", "env", "option" }.Where(d => Directory.Exists(_folder.File($"{d}/state")) || Directory.Exists(_folder.File($"{d}/outbox")));
        Assert.True(used.All(d => d == layer || layer == "default"), $"{layer}: wrote into {string.Join(", ", used)}");
    }

    [Fact]
    public async Task Defaults_WithNothingSet_UseSeedsStateAndOutboxInTheWorkingFolder()
    {
        await AssertRunUsedAsync([], null, "default", ".newsalerts", "outbox");
    }

    [Fact]
    public async Task AppSettingsJson_InTheWorkingFolder_SetsTheThreePaths()
    {
        WriteAppSettings();

        await AssertRunUsedAsync([], null, "appsettings", "appsettings/state", "appsettings/outbox");
    }

    [Fact]
    public async Task EnvironmentVariables_BeatAppSettingsJson()
    {
        WriteAppSettings();

        await AssertRunUsedAsync([], Environment(), "env", "env/state", "env/outbox");
    }

    [Fact]
    public async Task CommandLineOptions_BeatTheEnvironmentAndAppSettingsJson()
    {
        WriteAppSettings();

        await AssertRunUsedAsync(
            ["--config", "option/newsalerts.json", "--state", "option/state", "--outbox", "option/outbox"], Environment(), "option", "option/state", "option/outbox");
    }

    [Theory]
    [InlineData("NewsAlerts__FromAddress", "not-an-address", "error: setting NewsAlerts:FromAddress: The FromAddress field is not a valid e-mail address.")]
    [InlineData("NewsAlerts__Fetch__MaxRetries", "99", "error: setting NewsAlerts:Fetch:MaxRetries: The field MaxRetries must be between 0 and 10.")]
    [InlineData("NewsAlerts__Fetch__MaxRetries", "many", "error: setting NewsAlerts:Fetch:MaxRetries: many is not a valid value for Int32.")]
    public async Task BadHostSetting_IsNamedInOneLine_ExitTwo(string variable, string value, string expected)
    {
        var run = await CliProcess.RunAsync(_folder.Path, new Dictionary<string, string?> { [variable] = value }, "run", "--once");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }
}
