using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsAlerts.Core.Telemetry;
using NewsAlerts.Infrastructure;

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
            otel.UseAzureMonitorExporter();
        }

        return builder;
    }
}
