using Microsoft.Extensions.Logging;

namespace NewsAlerts.Cli;

/// <summary>
/// Log lines for a person at a terminal, on standard error: <c>warning: source x failed: ...</c>, one line per event.
/// Exceptions (stack traces) only with <c>--verbose</c>.
/// </summary>
internal sealed class CliLoggerProvider(CliConsole console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CliLogger(console);

    public void Dispose()
    {
    }

    private sealed class CliLogger(CliConsole console) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{Label(logLevel)}: {formatter(state, exception)}";
            if (console.Verbose && exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            console.WriteErrorLine(line);
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Critical => "critical",
            LogLevel.Error => "error",
            LogLevel.Warning => "warning",
            LogLevel.Information => "info",
            _ => "debug",
        };
    }
}
