using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Infrastructure.Email;
using NewsAlerts.Infrastructure.Outbox;

namespace NewsAlerts.Infrastructure.Tests.DependencyInjection;

public sealed class DeliveryProviderRegistrationTests
{
    private static IHost Build(Dictionary<string, string?> settings) => NewsAlertsHost.Build(settings);

    [Theory]
    [InlineData(null, typeof(OutboxDigestSender))]
    [InlineData("Outbox", typeof(OutboxDigestSender))]
    [InlineData("Smtp", typeof(SmtpDigestSender))]
    [InlineData("SendGrid", typeof(SendGridDigestSender))]
    public void Provider_Setting_ChoosesTheSender(string? provider, Type expected)
    {
        using var host = Build(new()
        {
            ["NewsAlerts:Delivery:Provider"] = provider,
            ["NewsAlerts:Delivery:SendGrid:ApiKey"] = "SG.key",
        });

        Assert.IsType(expected, host.Services.GetRequiredService<IDigestSender>());
    }

    [Fact]
    public async Task SendGridProvider_WithoutApiKey_FailsAtStartNamingTheSetting()
    {
        using var host = Build(new() { ["NewsAlerts:Delivery:Provider"] = "SendGrid" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("NewsAlerts:Delivery:SendGrid:ApiKey is required", failure.Message, StringComparison.Ordinal);
    }
}
