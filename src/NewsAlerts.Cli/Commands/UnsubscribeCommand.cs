using System.CommandLine;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Unsubscribe;

namespace NewsAlerts.Cli.Commands;

/// <summary><c>newsalerts unsubscribe TOKEN</c>: records the unsubscribe a digest's link asks for, on this machine.</summary>
internal static class UnsubscribeCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var token = new Argument<string>("token") { Description = "The token from an unsubscribe link (the value after ?token=), or the whole link" };
        var command = new Command("unsubscribe", "Stop all digests to the address an unsubscribe token names")
        {
            token, config, state,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(async () =>
        {
            using var host = CliHost.Build(console, CommonOptions.Overrides(result, config, state));
            return await CliHost.WithStateAsync(host.Get<IOptions<NewsAlertsOptions>>().Value.StatePath, async () =>
            {
                await host.PrepareStateAsync(cancellationToken);
                var outcome = await host.Get<UnsubscribeService>().UnsubscribeAsync(TokenOf(result.GetValue(token)!), cancellationToken);
                if (!outcome.Succeeded)
                {
                    console.WriteErrorLine($"error: unsubscribe token: {Describe(outcome.Status)}");
                    return CliConsole.BadInput;
                }

                await console.Out.WriteLineAsync(outcome.AlreadyUnsubscribed
                    ? $"{outcome.Email} was already unsubscribed; nothing changed"
                    : $"Unsubscribed {outcome.Email}: no more digests will be sent to it");
                return CliConsole.Success;
            });
        }));
        return command;
    }

    /// <summary>Accepts the bare token or a pasted link that carries it.</summary>
    private static string TokenOf(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var link) && !string.IsNullOrEmpty(link.Query))
        {
            return System.Web.HttpUtility.ParseQueryString(link.Query)["token"] ?? value;
        }

        return value;
    }

    private static string Describe(TokenStatus status) => status switch
    {
        TokenStatus.Expired => "the token has expired; use the link in a more recent digest",
        TokenStatus.Forged => "the token is not signed with this installation's key (forged, or from another installation)",
        _ => "not a NewsAlerts unsubscribe token",
    };
}
