using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsAlerts.Core.Telemetry;
using NewsAlerts.Infrastructure;
using NewsAlerts.Infrastructure.AzureStorage;

namespace NewsAlerts.Functions;

/// <summary>
/// Logs, traces and the <c>NewsAlerts</c> meter through OpenTelemetry, exported to Application Insights when its
/// connection string is set. Going through OpenTelemetry (not the Application Insights worker SDK) also means no
/// warning-only default log filter to remove: host.json's levels are what reach Application Insights.
/// </summary>
internal static class Telemetry
{
    public static IHostApplicationBuilder AddNewsAlertsTelemetry(this IHostApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(NewsAlertsMetrics.MeterName));
        otel.UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[AppSettings.ApplicationInsightsConnectionString]))
        {
            var entra = ApplicationInsightsAuthentication.Parse(builder.Configuration[AppSettings.ApplicationInsightsAuthentication]);
            otel.UseAzureMonitorExporter(exporter =>
            {
                if (entra.UsesEntraId)
                {
                    exporter.Credential = AzureCredentials.Create(entra.ClientId);
                }
            });
        }

        return builder;
    }
}

/// <summary>
/// The <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> setting (<c>Authorization=AAD;ClientId=...</c>): the
/// Application Insights resource has local auth off, so telemetry is sent with the user-assigned identity's token.
/// </summary>
public sealed record ApplicationInsightsAuthentication(bool UsesEntraId, string? ClientId)
{
    public static ApplicationInsightsAuthentication Parse(string? setting)
    {
        var pairs = (setting ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        var entra = pairs.TryGetValue("Authorization", out var authorization) && string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase);
        return new ApplicationInsightsAuthentication(entra, pairs.GetValueOrDefault("ClientId"));
    }
}
