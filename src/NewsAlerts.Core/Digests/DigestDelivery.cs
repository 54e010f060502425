using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Pipeline;
using NewsAlerts.Core.Unsubscribe;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Sends one digest, named by a <see cref="DigestKey"/>, to each of its destinations (the subscriber's email and
/// channels) at most once however often and however concurrently the job runs, and loses no alert. The protocol,
/// against the ledger and the alert store:
/// <list type="number">
/// <item>add a <see cref="DeliveryState.Pending"/> ledger record for the digest id unless one exists;</item>
/// <item>claim the subscriber's pending alerts for the digest (atomic per alert: never two digests);</item>
/// <item>compose, then move the record Pending to Sending by compare-and-set, fixing the articles it carries and its
/// destinations: only one job wins, a loser hands back what it claimed. Steps 1 to 3 are one unit of work
/// (<see cref="IUnitOfWork"/>: one SQLite transaction in the CLI), committed before any destination gets the digest;</item>
/// <item>for each destination in turn: mark it Sending (compare-and-set, durably; only a destination that is not
/// idempotent needs the mark), hand the digest over, record Sent or Failed with the provider's receipt or error. One
/// failing destination never stops the others;</item>
/// <item>when every destination is final, the digest is (written with the last destination's outcome): Sent when
/// some destination took it, else Failed. Its alerts go back to pending for the next digest only when every
/// destination failed for a passing reason (busy, down): not when one took it or may have, and not after a permanent
/// refusal, which would only be refused again.</item>
/// </list>
/// A record left in Sending longer than <see cref="DeliveryOptions.SendingLease"/> means its job died. Its
/// destinations still Pending are sent: they were never handed over, or are idempotent (the outbox, a webhook with its
/// stable webhook-id), where sending again is harmless. One left Sending was marked because it is not idempotent:
/// SMTP, SendGrid, Slack and Teams cannot tell whether they took it, so it is marked failed and not resent (at most
/// once), with a critical log for operators.
/// </summary>
public sealed partial class DigestDelivery(
    IAlertStore alerts,
    IArticleStore articles,
    IDeliveryLedger ledger,
    IUnsubscribeStore unsubscribes,
    IConfigProvider configProvider,
    DigestComposer composer,
    DigestDestinations destinations,
    UnsubscribeTokens tokens,
    IOptions<NewsAlertsOptions> hostOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    IUnitOfWork unitOfWork,
    TimeProvider time,
    ILogger<DigestDelivery> logger)
{
    /// <summary>No article read ahead.</summary>
    private static readonly IReadOnlyDictionary<string, Article> NothingKnown = new Dictionary<string, Article>();

    /// <summary>Sends the digest if it is still to be sent; safe to call any number of times, at once or later.</summary>
    public async Task<DigestOutcome> SendAsync(DigestKey key, CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        if (config.FindSubscriber(key.SubscriberId) is not { } subscriber)
        {
            return new DigestOutcome(key, null, "the subscriber is not in the config");
        }

        var unsubscribed = subscriber.HasEmail && await unsubscribes.ContainsAsync(subscriber.Email, cancellationToken);
        var targets = DigestDestinations.Of(subscriber, unsubscribed);
        if (targets.Count == 0)
        {
            LogUnsubscribedSkipped(key.DigestId, subscriber.Id);
            return new DigestOutcome(key, null, "the subscriber's address has unsubscribed");
        }

        var job = new Job(config, subscriber, key, unsubscribed);
        var opened = await OpenAsync(job, targets, cancellationToken);
        return opened switch
        {
            { Outcome: { } settled } => settled,
            { Digest: { } digest } => await DeliverAllAsync(job, opened.Record, digest, cancellationToken),
            _ => await ResumeAsync(job, opened.Record, cancellationToken),
        };
    }

    /// <summary>
    /// Steps 1 to 3 of the protocol as one unit of work (one SQLite transaction in the CLI, where they were three
    /// commits, each rewriting the ledger row and its index pages): a job stopped anywhere before the commit leaves the
    /// digest as it found it, its alerts pending, and the next run sends it. Nothing reaches a destination before the
    /// commit. In Azure (<see cref="SeparateWrites"/>) each write stands alone, as the protocol allows.
    /// </summary>
    private async Task<Opened> OpenAsync(Job job, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var waiting = await ReadWaitingArticlesAsync(job, cancellationToken);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        var record = await ledger.GetOrAddAsync(
            new DeliveryRecord { DigestId = job.Key.DigestId, SubscriberId = job.Key.SubscriberId, Period = job.Key.Period, CreatedAt = now, UpdatedAt = now },
            cancellationToken);
        var opened = record.State == DeliveryState.Pending ? await ClaimAsync(job, record, targets, waiting, cancellationToken) : new Opened(record, null, null);
        await work.CommitAsync(cancellationToken);
        return opened;
    }

    /// <summary>
    /// The stored articles of the alerts waiting, read before the digest's unit of work: composing needs them, and
    /// reading them inside the unit held SQLite's write lock, which the digests sent beside it wait for, for most of its
    /// time (at 5k articles x 10k watchlists the digest stage took 20% longer). What the claim then holds is composed
    /// from these, as from a read a moment later; an alert that came in between has its article read inside. Without a
    /// unit of work that holds a lock (Azure), nothing is read ahead.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Article>> ReadWaitingArticlesAsync(Job job, CancellationToken cancellationToken)
    {
        if (!unitOfWork.IsAtomic)
        {
            return NothingKnown;
        }

        var waiting = job.Key.UrgentArticleId is { } articleId ? [articleId] : await alerts.GetPendingIdsAsync(job.Subscriber.Id, cancellationToken);
        return await articles.GetManyAsync([.. waiting], cancellationToken);
    }

    /// <summary>Claims the alerts, composes the digest and moves the record to Sending; a job that loses the record settles.</summary>
    private async Task<Opened> ClaimAsync(
        Job job, DeliveryRecord record, IReadOnlyList<string> targets, IReadOnlyDictionary<string, Article> waiting, CancellationToken cancellationToken)
    {
        var only = job.Key.UrgentArticleId is { } articleId ? new[] { articleId } : null;
        var held = await alerts.ClaimAsync(job.Subscriber.Id, job.Key.DigestId, only, cancellationToken);
        var now = time.GetUtcNow();
        var digest = held.Count == 0 ? null : await ComposeAsync(job, held, now, waiting, cancellationToken);
        var next = digest is null
            ? record with { State = DeliveryState.Empty, ArticleIds = [], UpdatedAt = now }
            : record with
            {
                State = DeliveryState.Sending,
                ArticleIds = held.Select(a => a.ArticleId).ToList(),
                Destinations = targets.Select(id => new DestinationRecord { Id = id, UpdatedAt = now }).ToList(),
                Attempts = record.Attempts + 1,
                UpdatedAt = now,
            };
        var won = await ledger.TryUpdateAsync(next, cancellationToken);
        if (won is null)
        {
            return new Opened(record, null, await SettleAsync(job, await ReadAsync(job.Key, cancellationToken), cancellationToken));
        }

        return digest is null ? new Opened(won, null, await SettleAsync(job, won, cancellationToken)) : new Opened(won, digest, null);
    }

    /// <summary>A record this job did not open: another job is sending it, its job stopped, or it is settled.</summary>
    private async Task<DigestOutcome> ResumeAsync(Job job, DeliveryRecord record, CancellationToken cancellationToken) =>
        record.State switch
        {
            DeliveryState.Sending when time.GetUtcNow() - record.UpdatedAt < deliveryOptions.Value.SendingLease =>
                new DigestOutcome(job.Key, record.State, "another job is sending it"),
            DeliveryState.Sending => await RecoverAsync(job, record, cancellationToken),
            _ => await SettleAsync(job, record, cancellationToken),
        };

    /// <summary>The job that held the record stopped: finish what it left, never handing a non-idempotent destination the digest twice.</summary>
    private async Task<DigestOutcome> RecoverAsync(Job job, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failures = new List<DestinationFailure>();
        var recovered = new List<DestinationRecord>();
        foreach (var destination in OpenDestinations(record))
        {
            if (destination.State == DeliveryState.Sending && !destinations.IsIdempotent(job.Config, destination.Id))
            {
                var provider = destinations.ProviderOf(job.Config, destination.Id);
                LogOutcomeUnknown(job.Key.DigestId, job.Subscriber.Id, destination.Id, destination.UpdatedAt, provider);
                var error = OutcomeUnknownError("its job stopped while sending");
                failures.Add(new DestinationFailure(destination.Id, DeliveryFailure.OutcomeUnknown, error));
                recovered.Add(destination with { State = DeliveryState.Failed, Provider = provider, Failure = DeliveryFailure.OutcomeUnknown, Error = error, UpdatedAt = now });
            }
            else
            {
                recovered.Add(destination);
            }
        }

        var retaken = await ledger.TryUpdateAsync(record with { Destinations = recovered, Attempts = record.Attempts + 1, UpdatedAt = now }, cancellationToken);
        if (retaken is null)
        {
            return await SettleAsync(job, await ReadAsync(job.Key, cancellationToken), cancellationToken);
        }

        if (retaken.Destinations.All(d => d.IsFinal))
        {
            return await FinishAsync(job, retaken, [], failures, cancellationToken);
        }

        // The same digest as the stopped job's: the articles the record fixed, dated when the digest was created.
        var held = await alerts.ClaimAsync(job.Subscriber.Id, job.Key.DigestId, [], cancellationToken);
        var carried = held.Where(a => retaken.ArticleIds.Contains(a.ArticleId)).ToList();
        var digest = await ComposeAsync(job, carried, retaken.CreatedAt, NothingKnown, cancellationToken);
        LogResending(job.Key.DigestId, string.Join(", ", retaken.Destinations.Where(d => !d.IsFinal).Select(d => d.Id)));
        return digest is null
            ? await FinishAsync(job, retaken, [], failures, cancellationToken, "its articles are no longer in the store")
            : await DeliverAllAsync(job, retaken, digest, cancellationToken, failures);
    }

    /// <summary>The record's destinations; a record written before digests had several stands for its email alone.</summary>
    private static IReadOnlyList<DestinationRecord> OpenDestinations(DeliveryRecord record) =>
        record.Destinations.Count > 0
            ? record.Destinations
            : [new DestinationRecord { Id = DestinationRecord.EmailId, State = DeliveryState.Sending, UpdatedAt = record.UpdatedAt }];

    /// <summary>
    /// Hands the digest to each destination not final yet, one after another, each outcome recorded before the next.
    /// The last one's outcome is written with the digest's final state, in one update: until then the record stays
    /// Sending, so a job stopped after that hand-over leaves what recovery finishes as it did when they were two writes.
    /// </summary>
    private async Task<DigestOutcome> DeliverAllAsync(
        Job job, DeliveryRecord record, ComposedDigest digest, CancellationToken cancellationToken, List<DestinationFailure>? earlier = null)
    {
        var receipts = new List<DeliveryReceipt>();
        var failures = earlier ?? [];
        var open = record.Destinations.Where(d => !d.IsFinal).Select(d => d.Id).ToList();
        foreach (var id in open)
        {
            var step = await DeliverOneAsync(job, record, id, digest, cancellationToken);
            if (step.Record is null)
            {
                return TookOver(job, receipts, failures);
            }

            receipts.AddRange(step.Receipt is null ? [] : [step.Receipt]);
            failures.AddRange(step.Failure is null ? [] : [step.Failure]);
            var outcome = With(step.Record, step.Outcome);
            if (id == open[^1])
            {
                return await FinishAsync(job, outcome, receipts, failures, cancellationToken);
            }

            if (await ledger.TryUpdateAsync(outcome, cancellationToken) is not { } recorded)
            {
                return TookOver(job, receipts, failures);
            }

            record = recorded;
        }

        throw new InvalidOperationException($"Digest {job.Key.DigestId} has no destination left to deliver to");
    }

    /// <summary>
    /// Hands the digest to one destination. Returns the destination's outcome, not yet written, and the record it
    /// applies to (null when another job took the digest over before the hand-over).
    /// </summary>
    private async Task<Step> DeliverOneAsync(Job job, DeliveryRecord record, string id, ComposedDigest digest, CancellationToken cancellationToken)
    {
        var (attempting, destination) = await StartAttemptAsync(job, record, id, cancellationToken);
        if (attempting is null)
        {
            return new Step(null, destination, null, null);
        }

        var provider = destinations.ProviderOf(job.Config, id);
        try
        {
            var receipt = await destinations.SendAsync(job.Config, id, digest, cancellationToken);
            var sent = destination with { State = DeliveryState.Sent, Provider = receipt.Provider, Locations = receipt.Locations, Error = null, UpdatedAt = time.GetUtcNow() };
            LogSent(job.Key.DigestId, job.Subscriber.Id, id, attempting.ArticleIds.Count, receipt.Provider, string.Join(", ", receipt.Locations));
            return new Step(attempting, sent, receipt, null);
        }
        catch (DeliveryException ex)
        {
            var error = ex.Failure == DeliveryFailure.OutcomeUnknown ? OutcomeUnknownError(ex.Message) : $"{ex.Failure}: {ex.Message}";
            if (ex.Failure == DeliveryFailure.OutcomeUnknown)
            {
                LogOutcomeUnknown(job.Key.DigestId, job.Subscriber.Id, id, destination.UpdatedAt, provider);
            }
            else
            {
                LogFailed(job.Key.DigestId, job.Subscriber.Id, id, ex.Failure, ex.Message);
            }

            var failed = destination with { State = DeliveryState.Failed, Provider = provider, Failure = ex.Failure, Error = error, UpdatedAt = time.GetUtcNow() };
            return new Step(attempting, failed, null, new DestinationFailure(id, ex.Failure, error));
        }
    }

    /// <summary>
    /// Counts an attempt at the destination. Before a destination that cannot tell whether it took a digest gets it,
    /// its Sending mark must survive a power cut: that is what keeps it from getting the digest twice (at most once).
    /// An idempotent one (the outbox, a webhook) left without an outcome is simply sent again by recovery, whether it
    /// was marked or not, so its mark would protect nothing: it is not written, and the attempt is counted with the
    /// outcome. Returns the record to write the outcome against (null when another job took the digest over).
    /// </summary>
    private async Task<(DeliveryRecord? Record, DestinationRecord Destination)> StartAttemptAsync(
        Job job, DeliveryRecord record, string id, CancellationToken cancellationToken)
    {
        var current = record.Destinations.Single(d => d.Id == id);
        var attempt = current with { Attempts = current.Attempts + 1, UpdatedAt = time.GetUtcNow() };
        if (destinations.IsIdempotent(job.Config, id))
        {
            return (record, attempt);
        }

        var marked = await ledger.TryUpdateAsync(With(record, attempt with { State = DeliveryState.Sending }), durable: true, cancellationToken);
        return (marked, marked?.Destinations.Single(d => d.Id == id) ?? attempt);
    }

    /// <summary>
    /// Every destination is final: so is the digest. It keeps its articles when some destination took it or may have,
    /// or refused it for good; when every destination failed for a passing reason, its alerts go back to pending
    /// for the next digest. <paramref name="record"/> may carry a destination outcome not written yet: it is written
    /// here, with the final state.
    /// </summary>
    private async Task<DigestOutcome> FinishAsync(
        Job job, DeliveryRecord record, List<DeliveryReceipt> receipts, List<DestinationFailure> failures, CancellationToken cancellationToken, string? reason = null)
    {
        var now = time.GetUtcNow();
        var destinationsNow = reason is null
            ? record.Destinations
            : record.Destinations.Select(d => d.IsFinal ? d : d with { State = DeliveryState.Failed, Failure = DeliveryFailure.Permanent, Error = reason, UpdatedAt = now }).ToList();
        failures.AddRange(reason is null ? [] : record.Destinations.Where(d => !d.IsFinal).Select(d => new DestinationFailure(d.Id, DeliveryFailure.Permanent, reason)));
        var sent = destinationsNow.Where(d => d.State == DeliveryState.Sent).ToList();
        var failed = destinationsNow.Where(d => d.State == DeliveryState.Failed).ToList();
        // Only a digest that every destination failed transiently hands its stories to the next digest: one that
        // reached someone (or may have) is not repeated, and a permanent refusal would only be refused again.
        var keepArticles = sent.Count > 0 || failed.Any(d => d.Failure is not DeliveryFailure.Transient);
        var final = record with
        {
            State = sent.Count > 0 ? DeliveryState.Sent : DeliveryState.Failed,
            Destinations = destinationsNow,
            ArticleIds = keepArticles ? record.ArticleIds : [],
            Provider = string.Join(", ", destinationsNow.Select(d => d.Provider).OfType<string>().Distinct(StringComparer.Ordinal)),
            Locations = sent.SelectMany(d => d.Locations).ToList(),
            Error = failed.Count == 0 ? null : string.Join("; ", failed.Select(d => d.Id == DestinationRecord.EmailId ? d.Error : $"{d.Id}: {d.Error}")),
            UpdatedAt = now,
        };
        if (await ledger.TryUpdateAsync(final, cancellationToken) is not { } settled)
        {
            return TookOver(job, receipts, failures);
        }

        var outcome = await SettleAsync(job, settled, cancellationToken);
        return outcome with { Detail = receipts.Count > 0 && failures.Count == 0 ? "sent" : outcome.Detail, Receipts = receipts, Failures = failures };
    }

    /// <summary>Another job took the digest over (this one outlived its lease) and finishes it; the outcome still reports what this job handed over.</summary>
    private static DigestOutcome TookOver(Job job, List<DeliveryReceipt> receipts, List<DestinationFailure> failures) =>
        new(job.Key, DeliveryState.Sending, "another job took it over") { Receipts = receipts, Failures = failures };

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
            DeliveryState.Sent when record.Error is not null => $"sent, but {record.Error}",
            DeliveryState.Sending => "another job is sending it",
            _ => $"already {record.State.ToString().ToLowerInvariant()}",
        };
        return new DigestOutcome(job.Key, record.State, detail);
    }

    /// <summary>Composes the digest of the held alerts whose articles are stored (null when none is); <paramref name="known"/> are articles read ahead.</summary>
    private async Task<ComposedDigest?> ComposeAsync(
        Job job, IReadOnlyList<Alert> held, DateTimeOffset createdAt, IReadOnlyDictionary<string, Article> known, CancellationToken cancellationToken)
    {
        var stored = await StoredArticlesAsync(held, known, cancellationToken);
        var items = held.Where(a => stored.ContainsKey(a.ArticleId)).Select(a => new DigestItem(a, stored[a.ArticleId])).ToList();

        if (items.Count == 0)
        {
            return null;
        }

        var clusters = items.Select(i => i.Alert.ClusterId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var seen = clusters.Count == 0
            ? new HashSet<string>()
            : await alerts.GetClustersHeldElsewhereAsync(job.Subscriber.Id, job.Key.DigestId, clusters, cancellationToken);
        var content = new DigestContent(job.Config, job.Subscriber, job.Key, items, seen);

        // Channels get no unsubscribe link: it would let anyone in a shared channel unsubscribe the person's email.
        var view = DigestComposer.View(content, null, createdAt);
        var host = hostOptions.Value;
        var email = job.Subscriber.HasEmail && !job.EmailUnsubscribed
            ? composer.Compose(view, content, new EmailAddress(host.FromAddress, host.FromName), tokens.LinkFor(job.Subscriber.Email), createdAt, tokens.CommandFor(job.Subscriber.Email))
            : null;
        return new ComposedDigest(view, email);
    }

    /// <summary>The held alerts' stored articles: those in <paramref name="known"/>, and the others read now.</summary>
    private async Task<IReadOnlyDictionary<string, Article>> StoredArticlesAsync(
        IReadOnlyList<Alert> held, IReadOnlyDictionary<string, Article> known, CancellationToken cancellationToken)
    {
        var missing = held.Select(a => a.ArticleId).Where(id => !known.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return known;
        }

        var stored = new Dictionary<string, Article>(await articles.GetManyAsync(missing, cancellationToken), StringComparer.Ordinal);
        foreach (var (id, article) in known)
        {
            stored.TryAdd(id, article);
        }

        return stored;
    }

    private static DeliveryRecord With(DeliveryRecord record, DestinationRecord destination) =>
        record with { Destinations = record.Destinations.Select(d => d.Id == destination.Id ? destination : d).ToList(), UpdatedAt = destination.UpdatedAt };

    private async Task<DeliveryRecord> ReadAsync(DigestKey key, CancellationToken cancellationToken) =>
        await ledger.GetAsync(key.SubscriberId, key.DigestId, cancellationToken)
            ?? throw new InvalidOperationException($"Digest {key.DigestId} vanished from the delivery ledger");

    private static string OutcomeUnknownError(string reason) =>
        $"{DeliveryFailure.OutcomeUnknown}: {reason}; the provider may have delivered it, so it is not sent again (at most once)";

    private sealed record Job(NewsAlertsConfig Config, SubscriberConfig Subscriber, DigestKey Key, bool EmailUnsubscribed);

    /// <summary>What the first unit of work left: the record, and the digest to deliver when this job opened it, or the outcome when it settled.</summary>
    private sealed record Opened(DeliveryRecord Record, ComposedDigest? Digest, DigestOutcome? Outcome);

    /// <summary>
    /// One destination's hand-over: the record it went out under (null when another job took the digest over), the
    /// destination's outcome to write against it, and the receipt or failure.
    /// </summary>
    private sealed record Step(DeliveryRecord? Record, DestinationRecord Outcome, DeliveryReceipt? Receipt, DestinationFailure? Failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent digest {DigestId} for {SubscriberId} to {Destination} with {ArticleCount} articles via {Provider}: {Locations}")]
    private partial void LogSent(string digestId, string subscriberId, string destination, int articleCount, string provider, string locations);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest {DigestId} for {SubscriberId} could not go to {Destination} ({Failure}): {Reason}")]
    private partial void LogFailed(string digestId, string subscriberId, string destination, DeliveryFailure failure, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AT-MOST-ONCE: digest {DigestId} for {SubscriberId} was handed to {Destination} ({Provider}) at {Since} and its outcome is unknown; it may or may not have been delivered and will NOT be sent again. Check the provider's activity log for this digest id.")]
    private partial void LogOutcomeUnknown(string digestId, string subscriberId, string destination, DateTimeOffset since, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} was left in Sending by a stopped job; finishing it for {Destinations}")]
    private partial void LogResending(string digestId, string destinations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {DigestId} not sent: {SubscriberId}'s address has unsubscribed")]
    private partial void LogUnsubscribedSkipped(string digestId, string subscriberId);
}
