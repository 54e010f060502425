using System.Diagnostics;
using System.Text.Json;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Functions.Tests.Infra;

/// <summary>Where the tests look for the Bicep CLI, whatever form the NuGet package root is given in.</summary>
public sealed class BicepCliPathTests
{
    [Fact]
    public async Task BicepCliFolder_PackageRootWithoutTrailingSlash_StillJoinsWithASlash()
    {
        // NUGET_PACKAGES=/cache/nuget (no slash) becomes NuGetPackageRoot=/cache/nuget in the restore's props file.
        var folder = await EvaluateAsync("-p:NuGetPackageRoot=/cache/nuget");

        Assert.Equal("/cache/nuget/azure.bicep.commandline.linux-x64/0.49.2", folder);
    }

    [Fact]
    public async Task BicepCliFolder_PackageRootWithTrailingSlash_HasNoDoubleSlash()
    {
        var folder = await EvaluateAsync("-p:NuGetPackageRoot=/cache/nuget/");

        Assert.Equal("/cache/nuget/azure.bicep.commandline.linux-x64/0.49.2", folder);
    }

    private static async Task<string> EvaluateAsync(string property)
    {
        var project = Path.Combine(RepoPaths.Root, "tests", "NewsAlerts.Functions.Tests", "NewsAlerts.Functions.Tests.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "msbuild", project, "-getItem:AssemblyAttribute", property, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await errors + await output);

        // The folder the test assembly is told (AssemblyMetadata "BicepCli"), as BicepCli reads it.
        using var items = JsonDocument.Parse(await output);
        return items.RootElement.GetProperty("Items").GetProperty("AssemblyAttribute").EnumerateArray()
            .Single(a => a.GetProperty("_Parameter1").GetString() == "BicepCli")
            .GetProperty("_Parameter2").GetString()!;
    }
}
