using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Email;

/// <summary>Registers the SendGrid and SMTP senders and their options; <c>AddNewsAlerts</c> picks one by <see cref="DeliveryOptions.Provider"/>.</summary>
public static class EmailSenderRegistration
{
    public static IServiceCollection AddEmailSenders(this IServiceCollection services)
    {
        services.AddOptions<SendGridOptions>()
            .BindConfiguration(SendGridOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IOptions<DeliveryOptions>>(
                (sendGrid, delivery) => delivery.Value.Provider != DeliveryProvider.SendGrid || !string.IsNullOrWhiteSpace(sendGrid.ApiKey),
                $"{SendGridOptions.SectionName}:{nameof(SendGridOptions.ApiKey)} is required when {DeliveryOptions.SectionName}:{nameof(DeliveryOptions.Provider)} is SendGrid")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(SendGridDigestSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<SendGridDigestSender>();
        services.AddSingleton<SmtpDigestSender>();
        return services;
    }
}
