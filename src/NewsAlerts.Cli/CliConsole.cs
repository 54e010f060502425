using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Cli;

/// <summary>Where commands write, and the one place user-facing errors are turned into a line and an exit code.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    /// <summary>Exit code of a command that finished its work.</summary>
    public const int Success = 0;

    /// <summary>Exit code of an unexpected failure inside NewsAlerts.</summary>
    public const int Failure = 1;

    /// <summary>Exit code when the input (config, files, arguments) is wrong.</summary>
    public const int BadInput = 2;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Runs a command body; bad input becomes one line per problem and exit code 2, never a stack trace.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ConfigException ex)
        {
            foreach (var problem in ex.Errors)
            {
                await Error.WriteLineAsync($"error: {problem}");
            }

            return BadInput;
        }
        catch (OptionsValidationException ex)
        {
            await Error.WriteLineAsync($"error: setting {ex.OptionsName}: {string.Join("; ", ex.Failures)}");
            return BadInput;
        }
        catch (StateException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync("cancelled");
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return BadInput;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: the user sees a sentence, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Error.WriteLineAsync($"error: unexpected failure: {ex.Message} (set NEWSALERTS_DEBUG=1 for details)");
            if (Environment.GetEnvironmentVariable("NEWSALERTS_DEBUG") == "1")
            {
                await Error.WriteLineAsync(ex.ToString());
            }

            return Failure;
        }
    }
}
