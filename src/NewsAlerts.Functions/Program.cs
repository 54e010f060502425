using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NewsAlerts.Functions;
using NewsAlerts.Infrastructure.DependencyInjection;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddNewsAlerts();
builder.AddNewsAlertsTelemetry();
builder.Build().Run();
