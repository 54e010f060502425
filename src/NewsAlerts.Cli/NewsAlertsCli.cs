using System.CommandLine;
using NewsAlerts.Cli.Commands;

namespace NewsAlerts.Cli;

/// <summary>The <c>newsalerts</c> command line: parses arguments and runs the chosen command.</summary>
public static class NewsAlertsCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also log what went well, and show stack traces of failures",
            Recursive = true,
        };
        var root = new RootCommand(
            "NewsAlerts: reads news feeds, matches them against watchlists and emails digests.\n"
            + "Settings come from the command line, then environment variables (NewsAlerts__StatePath), then "
            + "appsettings.json in the current folder, then the defaults.\n" + CliConsole.ExitCodes)
        {
            RunCommand.Create(console),
            StatusCommand.Create(console),
            SourcesCommand.Create(console),
            UnsubscribeCommand.Create(console),
            PoisonCommand.Create(console),
            MatchCommand.Create(console),
            WatchlistsCommand.Create(console),
            AnalyzeCommand.Create(console),
            FeedCommand.Create(console),
            NerCommand.Create(console),
            SentimentCommand.Create(console),
        };
        root.Options.Add(verbose);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                console.WriteErrorLine($"error: {problem.Message}");
            }

            if (parsed.Errors.Any(e => e.SymbolResult is null))
            {
                console.WriteErrorLine("See 'newsalerts --help'.");
            }

            return CliConsole.BadInput;
        }

        console.Verbose = parsed.GetValue(verbose);

        // Signals are the commands' own business (see StopSignals): a run finishes its step instead of being cut off.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }
}
