using System.CommandLine;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NewsAlerts.Infrastructure;
using NewsAlerts.Infrastructure.AzureStorage;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts poison list|requeue</c>: what operators do with messages the Functions host gave up on, against the
/// storage account the app runs on (<c>--account</c> with their Azure sign-in, or a connection string).
/// </summary>
internal static class PoisonCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("poison", "See and requeue messages that failed maxDequeueCount times in the Azure app's queues");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Requeue(console));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var storage = new StorageOptions();
        var command = new Command("list", "Count the messages waiting in each poison queue");
        storage.AddTo(command);
        command.SetAction((result, cancellationToken) => console.GuardAsync(() => StorageGuard(console, async () =>
        {
            var counts = await storage.PoisonQueues(result).CountAsync(cancellationToken);
            foreach (var count in counts)
            {
                await console.Out.WriteLineAsync($"{count.PoisonQueue,-28} {count.Messages,6}  (from {count.Queue})");
            }

            return CliConsole.Success;
        })));
        return command;
    }

    private static Command Requeue(CliConsole console)
    {
        var storage = new StorageOptions();
        var queue = new Argument<string>("queue") { Description = "The queue whose poison messages go back to it (such as 'articles'), or 'all'" };
        var max = new Option<int>("--max") { Description = "Move at most this many messages per queue", DefaultValueFactory = _ => 1000 };
        var command = new Command("requeue", "Move poison messages back to their queue once the cause is fixed") { queue, max };
        storage.AddTo(command);
        command.SetAction((result, cancellationToken) => console.GuardAsync(() => StorageGuard(console, async () =>
        {
            var poison = storage.PoisonQueues(result);
            var names = storage.QueueNames();
            var requested = result.GetValue(queue)!;
            var queues = requested == "all" ? names.All : [requested];
            if (!names.All.Contains(requested) && requested != "all")
            {
                await console.Error.WriteLineAsync($"error: queue '{requested}' is not a NewsAlerts queue; expected 'all' or one of: {string.Join(", ", names.All)}");
                return CliConsole.BadInput;
            }

            foreach (var name in queues)
            {
                var moved = await poison.RequeueAsync(name, result.GetValue(max), cancellationToken);
                await console.Out.WriteLineAsync($"requeued {moved} message(s) from {QueueNames.PoisonOf(name)} to {name}");
            }

            return CliConsole.Success;
        })));
        return command;
    }

    /// <summary>Storage failures (no access, no such account) are the operator's to fix: one line, not a stack trace.</summary>
    internal static async Task<int> StorageGuard(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ArgumentException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return CliConsole.BadInput;
        }
        catch (RequestFailedException ex)
        {
            await console.Error.WriteLineAsync($"error: storage answered {ex.Status} {ex.ErrorCode}: {FirstLine(ex.Message)}");
            return CliConsole.Failure;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            await console.Error.WriteLineAsync($"error: storage could not be reached: {FirstLine(ex.InnerExceptions[^1].Message)}");
            return CliConsole.Failure;
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            await console.Error.WriteLineAsync($"error: could not sign in to Azure (run 'az login'): {FirstLine(ex.Message)}");
            return CliConsole.Failure;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>Which account: <c>--connection</c>, else <c>--account</c> (Azure sign-in), else the <c>AzureWebJobsStorage</c> environment variable.</summary>
    private sealed class StorageOptions
    {
        private readonly Option<string?> _account = new("--account")
        {
            Description = "Storage account name; you sign in as with the Azure CLI (DefaultAzureCredential) and need the Storage Queue Data Contributor role",
        };

        private readonly Option<string?> _connection = new("--connection")
        {
            Description = "Storage connection string instead (such as UseDevelopmentStorage=true); default: the AzureWebJobsStorage environment variable",
        };

        private readonly IConfiguration _environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();

        public void AddTo(Command command)
        {
            command.Options.Add(_account);
            command.Options.Add(_connection);
        }

        /// <summary>Queue names as the app reads them (<c>SourcesQueueName</c>, ... environment variables), else the defaults.</summary>
        public QueueNames QueueNames() => new(_environment);

        public PoisonQueues PoisonQueues(ParseResult result) =>
            new(Clients(result), QueueNames(), NullLogger<PoisonQueues>.Instance);

        private StorageClients Clients(ParseResult result)
        {
            if (result.GetValue(_connection) is { Length: > 0 } connection)
            {
                return StorageClients.ForConnectionString(connection);
            }

            if (result.GetValue(_account) is { Length: > 0 } account)
            {
                return StorageClients.ForAccount(account, AzureCredentials.Create(_environment["AZURE_CLIENT_ID"]));
            }

            return _environment[AppSettings.Storage] is { Length: > 0 } fromEnvironment
                ? StorageClients.ForConnectionString(fromEnvironment)
                : throw new ArgumentException($"no storage account: pass --account NAME or --connection STRING (or set {AppSettings.Storage})");
        }
    }
}
