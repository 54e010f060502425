using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>Sends each subscriber one digest of the alerts no digest has carried yet; nothing when there are none.</summary>
public sealed partial class DigestService(
    IAlertStore alerts,
    IArticleStore articles,
    IConfigProvider configProvider,
    DigestComposer composer,
    IDigestSender sender,
    IOptions<NewsAlertsOptions> options,
    TimeProvider time,
    ILogger<DigestService> logger)
{
    public async Task<IReadOnlyList<DeliveryReceipt>> SendPendingAsync(CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        var receipts = new List<DeliveryReceipt>();
        foreach (var subscriber in config.Subscribers)
        {
            if (await SendAsync(config, subscriber, cancellationToken) is { } receipt)
            {
                receipts.Add(receipt);
            }
        }

        return receipts;
    }

    private async Task<DeliveryReceipt?> SendAsync(NewsAlertsConfig config, SubscriberConfig subscriber, CancellationToken cancellationToken)
    {
        var pending = await alerts.GetPendingAsync(subscriber.Id, cancellationToken);
        var items = new List<DigestItem>();
        foreach (var alert in pending)
        {
            if (await articles.GetAsync(alert.ArticleId, cancellationToken) is { } article)
            {
                items.Add(new DigestItem(alert, article));
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        var from = new EmailAddress(options.Value.FromAddress, options.Value.FromName);
        var email = composer.Compose(config, subscriber, items, from, time.GetUtcNow());
        var receipt = await sender.SendAsync(email, cancellationToken);
        await alerts.MarkSentAsync(subscriber.Id, items.Select(i => i.Article.Id).ToList(), email.Id, cancellationToken);
        LogDigestSent(email.Id, subscriber.Id, items.Count, string.Join(", ", receipt.Locations));
        return receipt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent digest {DigestId} to {SubscriberId} with {ItemCount} articles via {Location}")]
    private partial void LogDigestSent(string digestId, string subscriberId, int itemCount, string location);
}
