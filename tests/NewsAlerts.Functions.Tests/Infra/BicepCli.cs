using System.Diagnostics;
using System.Reflection;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Functions.Tests.Infra;

/// <summary>The Bicep CLI that NuGet restored (PackageDownload of Azure.Bicep.CommandLine.linux-x64).</summary>
internal static class BicepCli
{
    public static string MainBicep => Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    private static string Executable
    {
        get
        {
            var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
            return Path.Combine(folder, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no registry calls from a test run.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
