using Microsoft.Extensions.DependencyInjection;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>Registers the Slack, Teams and webhook sender with its two HttpClients and options.</summary>
public static class ChannelSenderRegistration
{
    public static IServiceCollection AddChannelSenders(this IServiceCollection services)
    {
        services.AddOptions<ChannelOptions>()
            .BindConfiguration(ChannelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Two clients, as for feeds: a pooled connection to a private host never serves a channel not allowed to reach it.
        foreach (var (name, allowPrivateNetwork) in new[] { (ChannelSender.PublicOnlyClient, false), (ChannelSender.AllowPrivateClient, true) })
        {
            services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan) // the sender times each attempt
                .ConfigurePrimaryHttpMessageHandler(() => SsrfGuard.CreateHandler(allowPrivateNetwork, "channel"));
        }

        services.AddSingleton<ChannelSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<ChannelSender>());
        return services;
    }
}
