using System.CommandLine;
using NewsAlerts.Cli.Commands;

namespace NewsAlerts.Cli;

/// <summary>The <c>newsalerts</c> command line: parses arguments and runs the chosen command.</summary>
public static class NewsAlertsCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("NewsAlerts: reads news feeds, matches them against watchlists and emails digests.")
        {
            RunCommand.Create(console),
            UnsubscribeCommand.Create(console),
            PoisonCommand.Create(console),
            MatchCommand.Create(console),
            WatchlistsCommand.Create(console),
            AnalyzeCommand.Create(console),
            FeedCommand.Create(console),
            NerCommand.Create(console),
            SentimentCommand.Create(console),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            await error.WriteLineAsync("See 'newsalerts --help'.");
            return CliConsole.BadInput;
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }
}
