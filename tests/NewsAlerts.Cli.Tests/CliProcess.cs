using System.Diagnostics;
using System.Text;

namespace NewsAlerts.Cli.Tests;

/// <summary>
/// The real <c>newsalerts</c> program in its own process, as a shell runs it: its own working folder, environment,
/// start-up (static state, settings files) and signals. Output is collected as it comes.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>
    /// The program under test: the build next to these tests, or the <c>newsalerts.dll</c> that
    /// <c>NEWSALERTS_CLI_UNDER_TEST</c> names (to run these tests against another build, such as an older one).
    /// </summary>
    public static string Program =>
        Environment.GetEnvironmentVariable("NEWSALERTS_CLI_UNDER_TEST") is { Length: > 0 } other ? other : Path.Combine(AppContext.BaseDirectory, "newsalerts.dll");

    /// <summary>Starts <c>newsalerts ARGS</c> in <paramref name="workingDirectory"/> with these environment variables added (null removes one).</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli._output, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs the program to its end (at most two minutes).</summary>
    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var cli = Start(workingDirectory, environment, args);
        return await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Waits until standard output or error holds <paramref name="text"/> <paramref name="count"/> times.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout, int count = 1)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Occurrences(Output + Error, text) < count)
        {
            if (_process.HasExited)
            {
                await Task.Delay(200, CancellationToken.None); // let the last lines arrive
                if (Occurrences(Output + Error, text) >= count)
                {
                    return;
                }

                throw new InvalidOperationException($"newsalerts exited ({_process.ExitCode}) before printing '{text}'.\nout:\n{Output}\nerr:\n{Error}");
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"newsalerts did not print '{text}' ({count}x) within {timeout}.\nout:\n{Output}\nerr:\n{Error}");
            }
        }
    }

    /// <summary>Sends a POSIX signal (INT, TERM) the way a terminal or a service manager does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    public async Task<CliRun> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"newsalerts did not exit within {timeout}.\nout:\n{Output}\nerr:\n{Error}");
        }

        _process.WaitForExit(); // drains the asynchronous output readers
        return new CliRun(_process.ExitCode, Output, Error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }
}
