using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NewsAlerts.Infrastructure.DependencyInjection;

namespace NewsAlerts.Infrastructure.Tests.DependencyInjection;

/// <summary>The composed service graph (<c>AddNewsAlerts</c>) with only the given settings, for registration tests.</summary>
internal static class NewsAlertsHost
{
    public static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNewsAlerts();
        return builder.Build();
    }
}
