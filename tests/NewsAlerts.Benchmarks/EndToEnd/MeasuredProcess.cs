using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NewsAlerts.Benchmarks.EndToEnd;

/// <summary>What one child process cost.</summary>
/// <param name="WrittenBytes">
/// Bytes the process sent toward storage: Linux task I/O accounting (<c>write_bytes</c> of <c>/proc/PID/io</c>, the
/// page-cache pages it dirtied), read as the growth of <c>getrusage(RUSAGE_CHILDREN).ru_oublock</c> x 512 across the
/// child's life, so writes up to its last instruction count. Files on tmpfs are not counted.
/// </param>
/// <param name="PeakRssBytes">The kernel's high-water mark of the process's resident set (<c>VmHWM</c>), read until it exits.</param>
internal sealed record ProcessCost(int ExitCode, TimeSpan Wall, TimeSpan Cpu, long WrittenBytes, long PeakRssBytes, string Output, string Error);

/// <summary>Runs a command to its end and measures wall time, CPU time, bytes written and peak memory.</summary>
internal static partial class MeasuredProcess
{
    private const int RusageChildren = -1;

    /// <summary>Runs <paramref name="command"/> (a .dll runs under <c>dotnet</c>) with <paramref name="arguments"/>.</summary>
    public static ProcessCost Run(string command, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = command.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { command } }
            : new ProcessStartInfo(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        var before = ChildUsage();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRss(process.Id));
        }

        process.WaitForExit(); // also waits for the redirected streams
        clock.Stop();
        var after = ChildUsage();
        return new ProcessCost(
            process.ExitCode,
            clock.Elapsed,
            after.Cpu - before.Cpu,
            (after.OutBlocks - before.OutBlocks) * 512,
            peak,
            output.Result,
            error.Result);
    }

    /// <summary>VmHWM of a live process in bytes; 0 once it is gone.</summary>
    private static long PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>What every reaped child of this process used so far (the runtime reaps ours when it exits).</summary>
    private static (TimeSpan Cpu, long OutBlocks) ChildUsage()
    {
        if (GetRusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed with errno {Marshal.GetLastPInvokeError()}");
        }

        var cpu = TimeSpan.FromTicks((usage.UserSeconds + usage.SystemSeconds) * TimeSpan.TicksPerSecond
            + ((usage.UserMicroseconds + usage.SystemMicroseconds) * TimeSpan.TicksPerMicrosecond));
        return (cpu, usage.OutBlocks);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);

    /// <summary><c>struct rusage</c> of 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long InBlocks;
        public long OutBlocks;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
