using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Digests;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Digests;

/// <summary>
/// A digest goes to each of its subscriber's destinations (email, Slack, Teams, webhook) on its own: one failing never
/// stops the others, none gets it twice, and a digest whose job stopped mid-way is finished without repeating what a
/// non-idempotent destination may already have.
/// </summary>
public sealed class DigestDestinationsTests
{
    private static readonly DigestKey Key = DigestKey.Scheduled("ops", ScheduleKind.Daily, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Stands for the process dying in the middle of a hand-over.</summary>
    private sealed class ProcessDiedException() : Exception("the process died");

    private static (DigestHarness Harness, RecordingSender Email, RecordingChannelSender Channels) Setup(bool email = true, bool idempotentEmail = false)
    {
        var config = new ConfigBuilder()
            .WithChannel("ops-slack", "slack")
            .WithChannel("desk-teams", "teams")
            .WithChannel("crm", "webhook")
            .WithChannelSubscriber("ops", ["ops-slack", "desk-teams", "crm"], email, "daily 08:00")
            .Build();
        var sender = new RecordingSender { IsIdempotent = idempotentEmail };
        var channels = new RecordingChannelSender();
        return (new DigestHarness(config, sender, channels: channels), sender, channels);
    }

    private static async Task AddSeedAlertAsync(DigestHarness harness) =>
        await harness.AddAlertAsync("ops", new ArticleBuilder().WithId("a1").WithTitle(SeedArticle.Title).Build());

    private static async Task<DeliveryRecord> RecordAsync(DigestHarness harness) =>
        (await harness.Ledger.GetAsync("ops", Key.DigestId, CancellationToken.None))!;

    [Fact]
    public async Task Send_EveryDestinationGetsItOnce_AndTheLedgerRecordsEachOutcome()
    {
        var (harness, email, channels) = Setup();
        await AddSeedAlertAsync(harness);

        var outcome = await harness.Delivery.SendAsync(Key, CancellationToken.None);
        var again = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Equal((DeliveryState.Sent, "sent", 4), (outcome.State, outcome.Detail, outcome.Receipts.Count));
        Assert.Contains(SeedArticle.Title, Assert.Single(email.Delivered).Text, StringComparison.Ordinal);
        Assert.Equal(["ops-slack", "desk-teams", "crm"], channels.Delivered.Select(d => d.ChannelId));
        Assert.All(channels.Delivered, d => Assert.Equal(SeedArticle.Title, d.Digest.Sections[0].Stories[0].Title));
        Assert.Null(channels.Delivered[0].Digest.UnsubscribeUrl);
        var record = await RecordAsync(harness);
        Assert.Equal(["email", "channel:ops-slack", "channel:desk-teams", "channel:crm"], record.Destinations.Select(d => d.Id));
        Assert.All(record.Destinations, d => Assert.Equal((DeliveryState.Sent, 1), (d.State, d.Attempts)));
        Assert.Equal("recording, slack, teams, webhook", record.Provider);
        Assert.False(again.SentNow);
        Assert.Equal(4, email.Delivered.Count + channels.Delivered.Count);
    }

    [Fact]
    public async Task OneDestinationRefusing_DoesNotStopTheOthers_AndIsReportedAsAFailure()
    {
        var (harness, email, channels) = Setup();
        channels.Refuse = (channel, _) => channel.Id == "desk-teams" ? new DeliveryException(DeliveryFailure.Permanent, "teams channel 'desk-teams' refused digest: HTTP 400 bad card") : null;
        await AddSeedAlertAsync(harness);

        var outcome = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Single(email.Delivered);
        Assert.Equal(["ops-slack", "crm"], channels.Delivered.Select(d => d.ChannelId));
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal(("channel:desk-teams", DeliveryFailure.Permanent), (failure.Destination, failure.Failure));
        Assert.Equal($"digest {Key.DigestId} for ops: channel:desk-teams failed: Permanent: teams channel 'desk-teams' refused digest: HTTP 400 bad card", Assert.Single(outcome.FailureLines()));
        var record = await RecordAsync(harness);
        Assert.Equal(DeliveryState.Sent, record.State);
        Assert.Equal("channel:desk-teams: Permanent: teams channel 'desk-teams' refused digest: HTTP 400 bad card", record.Error);
        Assert.Equal((DeliveryState.Failed, DeliveryFailure.Permanent), (record.Destinations[2].State, record.Destinations[2].Failure));
        Assert.Empty(await harness.Alerts.GetPendingAsync("ops", CancellationToken.None)); // the others got them: not resent next time
    }

    [Theory]
    [InlineData(DeliveryFailure.Transient, true)]
    [InlineData(DeliveryFailure.Permanent, false)]
    public async Task EveryDestinationFailing_FailsTheDigest_ItsAlertsWaitForTheNextOnlyWhenEveryFailureWasPassing(DeliveryFailure channelFailure, bool alertsWait)
    {
        var (harness, email, channels) = Setup();
        email.Refuse = _ => new DeliveryException(DeliveryFailure.Transient, "busy");
        channels.Refuse = (_, _) => new DeliveryException(channelFailure, "refused");
        await AddSeedAlertAsync(harness);

        var outcome = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Equal((DeliveryState.Failed, 4), (outcome.State, outcome.Failures.Count));
        Assert.Equal(alertsWait ? ["a1"] : [], (await harness.Alerts.GetPendingAsync("ops", CancellationToken.None)).Select(a => a.ArticleId));
    }

    [Fact]
    public async Task ChannelOnlySubscriber_GetsNoEmail()
    {
        var (harness, email, channels) = Setup(email: false);
        await AddSeedAlertAsync(harness);

        var outcome = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.True(outcome.SentNow);
        Assert.Empty(email.Delivered);
        Assert.Equal(3, channels.Delivered.Count);
        Assert.DoesNotContain((await RecordAsync(harness)).Destinations, d => d.Id == "email");
    }

    [Fact]
    public async Task UnsubscribedEmail_StopsTheEmailOnly_ChannelsKeepGettingDigests()
    {
        var (harness, email, channels) = Setup();
        await harness.Unsubscribes.AddAsync("ops@example.com", harness.Time.GetUtcNow(), CancellationToken.None);
        await AddSeedAlertAsync(harness);

        Assert.Equal([Key], await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Empty(email.Delivered);
        Assert.Equal(3, channels.Delivered.Count);
    }

    [Fact]
    public async Task JobDiedWhileSlackHadIt_AfterTheLease_SlackIsMarkedUnknownNotResent_TheRestAreDelivered()
    {
        var (harness, email, channels) = Setup();
        channels.Refuse = (channel, _) => channel.Id == "ops-slack" ? new ProcessDiedException() : null;
        await AddSeedAlertAsync(harness);
        await Assert.ThrowsAsync<ProcessDiedException>(() => harness.Delivery.SendAsync(Key, CancellationToken.None));
        channels.Refuse = null;

        var early = await harness.Delivery.SendAsync(Key, CancellationToken.None);
        harness.Time.Advance(harness.DeliveryOptions.Value.SendingLease);
        Assert.Contains(Key, await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
        var recovered = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Equal("another job is sending it", early.Detail);
        Assert.Single(email.Delivered);
        Assert.Equal(["desk-teams", "crm"], channels.Delivered.Select(d => d.ChannelId));
        Assert.Equal(("channel:ops-slack", DeliveryFailure.OutcomeUnknown), (recovered.Failures[0].Destination, recovered.Failures[0].Failure));
        var record = await RecordAsync(harness);
        Assert.Equal(DeliveryState.Sent, record.State);
        Assert.Equal([DeliveryState.Sent, DeliveryState.Failed, DeliveryState.Sent, DeliveryState.Sent], record.Destinations.Select(d => d.State));
        Assert.StartsWith("OutcomeUnknown", record.Destinations[1].Error, StringComparison.Ordinal);
        Assert.Empty(await harness.Scheduler.FindDueAsync(harness.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task JobDiedWhileTheWebhookHadIt_AfterTheLease_TheWebhookGetsItAgainUnderTheSameDigestId()
    {
        var (harness, email, channels) = Setup();
        var died = false;
        channels.Refuse = (channel, _) => channel.Id == "crm" && !died ? new ProcessDiedException() : null;
        await AddSeedAlertAsync(harness);
        await Assert.ThrowsAsync<ProcessDiedException>(() => harness.Delivery.SendAsync(Key, CancellationToken.None));
        died = true;
        // An idempotent destination gets no Sending mark before its hand-over (recovery sends it again either way):
        // the attempt that died left it Pending and uncounted.
        var left = (await RecordAsync(harness)).Destinations[3];

        harness.Time.Advance(harness.DeliveryOptions.Value.SendingLease);
        var recovered = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Equal((DeliveryState.Pending, 0), (left.State, left.Attempts));
        Assert.Empty(recovered.Failures);
        Assert.Single(email.Delivered);
        Assert.Equal(["ops-slack", "desk-teams", "crm"], channels.Delivered.Select(d => d.ChannelId));
        Assert.Equal(Key.DigestId, channels.To("crm")[0].Key.DigestId);
        var webhook = (await RecordAsync(harness)).Destinations[3];
        Assert.Equal((DeliveryState.Sent, 1), (webhook.State, webhook.Attempts));
    }

    [Fact]
    public async Task JobDiedBeforeHandingOverAnything_AfterTheLease_EveryDestinationIsSentOnce()
    {
        var (harness, email, channels) = Setup();
        email.Refuse = _ => new ProcessDiedException();
        await AddSeedAlertAsync(harness);
        await Assert.ThrowsAsync<ProcessDiedException>(() => harness.Delivery.SendAsync(Key, CancellationToken.None));
        email.Refuse = null;

        harness.Time.Advance(harness.DeliveryOptions.Value.SendingLease);
        await harness.Delivery.SendAsync(Key, CancellationToken.None);

        // The email was being handed over (not idempotent): at most once. The channels were never handed anything.
        Assert.Empty(email.Delivered);
        Assert.Equal(3, channels.Delivered.Count);
        Assert.Equal(DeliveryFailure.OutcomeUnknown, (await RecordAsync(harness)).Destinations[0].Failure);
    }

    [Fact]
    public async Task ChannelRemovedFromTheConfigBeforeRecovery_IsAPermanentFailure()
    {
        var (harness, _, channels) = Setup(email: false);
        var died = false;
        channels.Refuse = (channel, _) => channel.Id == "ops-slack" && !died ? new ProcessDiedException() : null;
        await AddSeedAlertAsync(harness);
        await Assert.ThrowsAsync<ProcessDiedException>(() => harness.Delivery.SendAsync(Key, CancellationToken.None));
        died = true;
        var config = await harness.Config.GetAsync(CancellationToken.None);
        harness.Config.Config = config with { Channels = config.Channels.Where(c => c.Id != "crm").ToList(), Subscribers = [config.Subscribers[0] with { Channels = ["ops-slack", "desk-teams"] }] };

        harness.Time.Advance(harness.DeliveryOptions.Value.SendingLease);
        var recovered = await harness.Delivery.SendAsync(Key, CancellationToken.None);

        Assert.Contains(recovered.Failures, f => f.Destination == "channel:crm" && f.Error.Contains("no longer in the config", StringComparison.Ordinal));
        Assert.Equal(["desk-teams"], channels.Delivered.Select(d => d.ChannelId));
    }
}
