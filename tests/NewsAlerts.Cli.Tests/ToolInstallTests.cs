using System.Diagnostics;
using System.Reflection;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// The CLI as users install it: packed as a .NET tool, installed with <c>dotnet tool install</c> into a tool folder, and
/// run as <c>newsalerts</c> from there, with no <c>dotnet run</c> and no repository around it.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Configuration =>
        typeof(ToolInstallTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    [Fact]
    public async Task PackedTool_InstallsIntoAToolPath_AndRunsThePipelineAsNewsalerts()
    {
        var packages = _folder.File("packages");
        var tools = _folder.File("tools");
        var project = Path.Combine(RepoPaths.Root, "src", "NewsAlerts.Cli", "NewsAlerts.Cli.csproj");

        await RunAsync("dotnet", _folder.Path, "pack", project, "-c", Configuration, "--no-build", "-o", packages, "-nologo");
        Assert.Single(Directory.GetFiles(packages, "newsalerts.*.nupkg"));
        await RunAsync("dotnet", _folder.Path, "tool", "install", "newsalerts", "--tool-path", tools, "--add-source", packages);
        var work = _folder.File("work");
        Directory.CreateDirectory(work);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(work, Path.GetFileName(file)));
        }

        var help = await RunAsync(Path.Combine(tools, "newsalerts"), work, "--help");
        var run = await RunAsync(Path.Combine(tools, "newsalerts"), work, "run", "--once", "--config", "newsalerts.json");

        Assert.Contains("Exit codes: 0 all good", help, StringComparison.Ordinal);
        Assert.Contains("Articles read: 7, new: 7, alerts: 2, digests: 1", run, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(work, "outbox"), "*.eml"));
    }

    private static async Task<string> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }
}
