using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using NewsAlerts.Core.Telemetry;
using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Functions.Tests.EndToEnd;

/// <summary>The NewsAlerts meter counts what the functions did, one metric name per fact.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OneRunThroughTheFunctions_CountsFetchedNewMatchedAlertsAndDigests()
    {
        await using var app = await FunctionsApp.StartAsync(azurite, config => config["watchlists"]![1]!["urgent"] = true);
        using var metrics = new MeterTotals();

        await app.Create<FindDueSourcesFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();
        await app.Create<FindDueDigestsFunction>().RunAsync(FunctionsApp.Tick(), CancellationToken.None);
        await app.Queues.RunUntilIdleAsync();

        Assert.Equal(7, metrics["newsalerts.articles.fetched"]);
        Assert.Equal(7, metrics["newsalerts.articles.new"]);
        Assert.Equal(2, metrics["newsalerts.articles.matched"]);
        Assert.Equal(2, metrics["newsalerts.alerts.created"]);
        Assert.Equal(2, metrics["newsalerts.digests.sent"]);
        Assert.Equal(0, metrics["newsalerts.digests.failed"]);
    }

    /// <summary>Sums every measurement of the NewsAlerts meter by instrument name while it lives.</summary>
    private sealed class MeterTotals : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

        public MeterTotals()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == NewsAlertsMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
            _listener.Start();
        }

        public long this[string name] => _totals.GetValueOrDefault(name);

        public void Dispose() => _listener.Dispose();
    }
}
