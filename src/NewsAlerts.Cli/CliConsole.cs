using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Cli;

/// <summary>Where commands write, and the one place user-facing errors are turned into a line and an exit code.</summary>
public sealed partial class CliConsole(TextWriter output, TextWriter error)
{
    /// <summary>Exit code of a command that finished its work.</summary>
    public const int Success = 0;

    /// <summary>Exit code of an unexpected failure inside NewsAlerts.</summary>
    public const int Failure = 1;

    /// <summary>Exit code when the input (config, files, arguments, settings) is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when the work finished but some of it failed: sources not read, digests not delivered, or (status) something needs attention.</summary>
    public const int PartlyFailed = 3;

    /// <summary>What <c>--help</c> and the README say about exit codes.</summary>
    public const string ExitCodes =
        "Exit codes: 0 all good; 1 unexpected failure; 2 bad input (config, files, arguments, settings); "
        + "3 finished, but some sources or deliveries failed (each named on standard error) or status found something that needs attention.";

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Set by <c>--verbose</c>: information logs and stack traces too.</summary>
    public bool Verbose { get; set; }

    /// <summary>Writes a line to standard error; safe from several threads (log events come from parallel work).</summary>
    public void WriteErrorLine(string line)
    {
        lock (Error)
        {
            Error.WriteLine(line);
        }
    }

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
                WriteErrorLine($"error: {problem}");
            }

            return BadInput;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                WriteErrorLine($"error: setting {Setting(ex.OptionsType, failure)}");
            }

            return BadInput;
        }
        catch (InvalidOperationException ex) when (UnconvertibleSetting().Match(ex.Message) is { Success: true } match)
        {
            WriteErrorLine($"error: setting {match.Groups[1].Value}: {(ex.InnerException?.Message ?? $"not a valid {match.Groups[2].Value}").Split(" (Parameter", 2)[0]}");
            return BadInput;
        }
        catch (StateException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            WriteErrorLine("cancelled");
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteErrorLine($"error: {ex.Message}");
            return BadInput;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: the user sees a sentence, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WriteErrorLine(Verbose
                ? $"error: unexpected failure: {ex}"
                : $"error: unexpected failure: {ex.Message} (run with --verbose for details)");
            return Failure;
        }
    }

    /// <summary>
    /// Names the setting a validation failure is about, such as <c>NewsAlerts:Fetch:MaxRetries: The field MaxRetries must
    /// be between 0 and 10.</c>: the options class's <c>SectionName</c> plus the member the failure names.
    /// </summary>
    internal static string Setting(Type optionsType, string failure)
    {
        var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string ?? optionsType.Name;
        var annotation = DataAnnotationFailure().Match(failure);
        if (!annotation.Success)
        {
            return failure.StartsWith(section, StringComparison.Ordinal) ? failure : $"{section}: {failure}";
        }

        var members = annotation.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var name = members.Length > 0 ? string.Join(", ", members.Select(m => $"{section}:{m}")) : section;
        return $"{name}: {annotation.Groups[2].Value}";
    }

    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: '([^']*)' with the error: '(.*)'\\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("^Failed to convert configuration value (?:'[^']*' )?at '([^']+)' to type '([^']+)'")]
    private static partial Regex UnconvertibleSetting();
}
