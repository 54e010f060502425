using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Unsubscribe;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Sends one digest, named by a <see cref="DigestKey"/>, at most once however often and however concurrently the
/// job runs, and loses no alert. The protocol, against the ledger and the alert store:
/// <list type="number">
/// <item>add a <see cref="DeliveryState.Pending"/> ledger record for the digest id unless one exists;</item>
/// <item>claim the subscriber's pending alerts for the digest (atomic per alert: never two digests);</item>
/// <item>compose, then move the record Pending to Sending by compare-and-set, fixing the articles it carries:
/// only one job wins, a loser hands back what it claimed;</item>
/// <item>hand the email to the provider, then record Sent (or Failed, handing the alerts back when the provider
/// certainly did not take it).</item>
/// </list>
/// A record left in Sending longer than <see cref="DeliveryOptions.SendingLease"/> means its job died: an idempotent
/// provider (the outbox) sends it again; SMTP and SendGrid cannot tell whether they took it, so it is marked failed
/// and not resent (at most once), with a critical log for operators.
/// </summary>
public sealed partial class DigestDelivery(
    IAlertStore alerts,
    IArticleStore articles,
    IDeliveryLedger ledger,
    IUnsubscribeStore unsubscribes,
    IConfigProvider configProvider,
    DigestComposer composer,
    IDigestSender sender,
    UnsubscribeTokens tokens,
    IOptions<NewsAlertsOptions> hostOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<DigestDelivery> logger)
{
    /// <summary>Sends the digest if it is still to be sent; safe to call any number of times, at once or later.</summary>
    public async Task<DigestOutcome> SendAsync(DigestKey key, CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        if (config.FindSubscriber(key.SubscriberId) is not { } subscriber)
        {
            return new DigestOutcome(key, null, "the subscriber is not in the config");
        }

        if (await unsubscribes.ContainsAsync(subscriber.Email, cancellationToken))
        {
            LogUnsubscribedSkipped(key.DigestId, subscriber.Id);
            return new DigestOutcome(key, null, "the subscriber's address has unsubscribed");
        }

        var now = time.GetUtcNow();
        var record = await ledger.GetOrAddAsync(
            new DeliveryRecord { DigestId = key.DigestId, SubscriberId = key.SubscriberId, Period = key.Period, CreatedAt = now, UpdatedAt = now },
            cancellationToken);
        var job = new Job(config, subscriber, key);
        return record.State switch
        {
            DeliveryState.Pending => await ClaimAndSendAsync(job, record, cancellationToken),
            DeliveryState.Sending when now - record.UpdatedAt < deliveryOptions.Value.SendingLease =>
                new DigestOutcome(key, record.State, "another job is sending it"),
            DeliveryState.Sending => await RecoverAsync(job, record, cancellationToken),
            _ => await SettleAsync(job, record, cancellationToken),
        };
    }

    private async Task<DigestOutcome> ClaimAndSendAsync(Job job, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var only = job.Key.UrgentArticleId is { } articleId ? new[] { articleId } : null;
        var held = await alerts.ClaimAsync(job.Subscriber.Id, job.Key.DigestId, only, cancellationToken);
        var email = held.Count == 0 ? null : await ComposeAsync(job, held, time.GetUtcNow(), cancellationToken);
        var next = email is null
            ? record with { State = DeliveryState.Empty, ArticleIds = [], UpdatedAt = time.GetUtcNow() }
            : record with { State = DeliveryState.Sending, ArticleIds = held.Select(a => a.ArticleId).ToList(), Attempts = record.Attempts + 1, UpdatedAt = time.GetUtcNow() };
        var won = await ledger.TryUpdateAsync(next, cancellationToken);
        if (won is null)
        {
            return await SettleAsync(job, await ReadAsync(job.Key, cancellationToken), cancellationToken);
        }

        return email is null ? await SettleAsync(job, won, cancellationToken) : await DeliverAsync(job, won, email, cancellationToken);
    }

    private async Task<DigestOutcome> RecoverAsync(Job job, DeliveryRecord record, CancellationToken cancellationToken)
    {
        if (!sender.IsIdempotent)
        {
            LogOutcomeUnknown(job.Key.DigestId, job.Subscriber.Id, record.UpdatedAt, sender.Name);
            var failed = record with { State = DeliveryState.Failed, Error = OutcomeUnknownError("its job stopped while sending"), UpdatedAt = time.GetUtcNow() };
            return await SettleAsync(job, await ledger.TryUpdateAsync(failed, cancellationToken) ?? await ReadAsync(job.Key, cancellationToken), cancellationToken);
        }

        // The same digest as the stopped job's: the articles the record fixed, dated when the digest was created.
        var held = await alerts.ClaimAsync(job.Subscriber.Id, job.Key.DigestId, [], cancellationToken);
        var carried = held.Where(a => record.ArticleIds.Contains(a.ArticleId)).ToList();
        var email = await ComposeAsync(job, carried, record.CreatedAt, cancellationToken);
        var retaken = await ledger.TryUpdateAsync(record with { Attempts = record.Attempts + 1, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        if (retaken is null || email is null)
        {
            return await SettleAsync(job, retaken ?? await ReadAsync(job.Key, cancellationToken), cancellationToken);
        }

        LogResending(job.Key.DigestId, sender.Name);
        return await DeliverAsync(job, retaken, email, cancellationToken);
    }

    private async Task<DigestOutcome> DeliverAsync(Job job, DeliveryRecord sending, DigestEmail email, CancellationToken cancellationToken)
    {
        DeliveryReceipt receipt;
        try
        {
            receipt = await sender.SendAsync(email, cancellationToken);
        }
        catch (DeliveryException ex) when (ex.Failure == DeliveryFailure.OutcomeUnknown)
        {
            LogOutcomeUnknown(job.Key.DigestId, job.Subscriber.Id, sending.UpdatedAt, sender.Name);
            var unknown = sending with { State = DeliveryState.Failed, Provider = sender.Name, Error = OutcomeUnknownError(ex.Message), UpdatedAt = time.GetUtcNow() };
            return await SettleAsync(job, await ledger.TryUpdateAsync(unknown, cancellationToken) ?? sending, cancellationToken);
        }
        catch (DeliveryException ex)
        {
            LogFailed(job.Key.DigestId, job.Subscriber.Id, ex.Failure, ex.Message);
            var failed = sending with { State = DeliveryState.Failed, ArticleIds = [], Provider = sender.Name, Error = $"{ex.Failure}: {ex.Message}", UpdatedAt = time.GetUtcNow() };
            return await SettleAsync(job, await ledger.TryUpdateAsync(failed, cancellationToken) ?? failed, cancellationToken);
        }

        var sent = sending with { State = DeliveryState.Sent, Provider = receipt.Provider, Locations = receipt.Locations, Error = null, UpdatedAt = time.GetUtcNow() };
        await ledger.TryUpdateAsync(sent, cancellationToken);
        await alerts.ReleaseAsync(job.Subscriber.Id, job.Key.DigestId, sent.ArticleIds, cancellationToken);
        LogSent(job.Key.DigestId, job.Subscriber.Id, sent.ArticleIds.Count, receipt.Provider, string.Join(", ", receipt.Locations));
        return new DigestOutcome(job.Key, DeliveryState.Sent, "sent", receipt);
    }

    /// <summary>The record is settled or owned by another job: hand back any alert this digest holds but does not carry.</summary>
    private async Task<DigestOutcome> SettleAsync(Job job, DeliveryRecord record, CancellationToken cancellationToken)
    {
        if (record.State != DeliveryState.Pending)
        {
            await alerts.ReleaseAsync(job.Subscriber.Id, job.Key.DigestId, record.ArticleIds, cancellationToken);
        }

        var detail = record.State switch
        {
            DeliveryState.Empty => "nothing to send",
            DeliveryState.Failed => record.Error ?? "failed",
            DeliveryState.Sending => "another job is sending it",
            _ => $"already {record.State.ToString().ToLowerInvariant()}",
        };
        return new DigestOutcome(job.Key, record.State, detail);
    }

    private async Task<DigestEmail?> ComposeAsync(Job job, IReadOnlyList<Alert> held, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var items = new List<DigestItem>();
        foreach (var alert in held)
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

        var clusters = items.Select(i => i.Alert.ClusterId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var seen = clusters.Count == 0
            ? new HashSet<string>()
            : await alerts.GetClustersHeldElsewhereAsync(job.Subscriber.Id, job.Key.DigestId, clusters, cancellationToken);
        var host = hostOptions.Value;
        var content = new DigestContent(job.Config, job.Subscriber, job.Key, items, seen);
        var email = job.Subscriber.Email;
        return composer.Compose(content, new EmailAddress(host.FromAddress, host.FromName), tokens.LinkFor(email), createdAt, tokens.CommandFor(email));
    }

    private async Task<DeliveryRecord> ReadAsync(DigestKey key, CancellationToken cancellationToken) =>
        await ledger.GetAsync(key.SubscriberId, key.DigestId, cancellationToken)
            ?? throw new InvalidOperationException($"Digest {key.DigestId} vanished from the delivery ledger");

    private static string OutcomeUnknownError(string reason) =>
        $"{DeliveryFailure.OutcomeUnknown}: {reason}; the provider may have delivered it, so it is not sent again (at most once)";

    private sealed record Job(NewsAlertsConfig Config, SubscriberConfig Subscriber, DigestKey Key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent digest {DigestId} to {SubscriberId} with {ArticleCount} articles via {Provider}: {Locations}")]
    private partial void LogSent(string digestId, string subscriberId, int articleCount, string provider, string locations);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest {DigestId} for {SubscriberId} failed ({Failure}): {Reason}; its alerts go into the next digest")]
    private partial void LogFailed(string digestId, string subscriberId, DeliveryFailure failure, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AT-MOST-ONCE: digest {DigestId} for {SubscriberId} was handed to {Provider} at {Since} and its outcome is unknown; it may or may not have been delivered and will NOT be sent again. Check the provider's activity log for this digest id.")]
    private partial void LogOutcomeUnknown(string digestId, string subscriberId, DateTimeOffset since, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} was left in Sending by a stopped job; {Provider} delivers a digest id once, so it is sent again")]
    private partial void LogResending(string digestId, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {DigestId} not sent: {SubscriberId}'s address has unsubscribed")]
    private partial void LogUnsubscribedSkipped(string digestId, string subscriberId);
}
