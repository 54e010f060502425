using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IDeliveryLedger"/> must do; one subclass per implementation.</summary>
public abstract class DeliveryLedgerContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IDeliveryLedger CreateLedger();

    private static DeliveryRecord Pending(string digestId = "d1") =>
        new() { DigestId = digestId, SubscriberId = "sam", Period = "daily:2026-11-25T08:00Z", CreatedAt = Now, UpdatedAt = Now };

    [Fact]
    public async Task GetOrAdd_Twice_KeepsTheFirstRecord()
    {
        var ledger = CreateLedger();

        var first = await ledger.GetOrAddAsync(Pending(), CancellationToken.None);
        var second = await ledger.GetOrAddAsync(Pending() with { Period = "other" }, CancellationToken.None);

        Assert.Equal(DeliveryState.Pending, first.State);
        Assert.Equal("daily:2026-11-25T08:00Z", second.Period);
        Assert.Equal(first.Version, second.Version);
        Assert.NotEmpty(first.Version);
    }

    [Fact]
    public async Task TryUpdate_WithTheCurrentVersion_StoresEveryField()
    {
        var ledger = CreateLedger();
        var record = await ledger.GetOrAddAsync(Pending(), CancellationToken.None);
        var sent = record with
        {
            State = DeliveryState.Sent,
            ArticleIds = ["a1", "a2"],
            Attempts = 1,
            Provider = "sendgrid",
            Locations = ["msg-1"],
            Error = "none",
            UpdatedAt = Now.AddMinutes(1),
        };

        var updated = await ledger.TryUpdateAsync(sent, CancellationToken.None);
        var read = await ledger.GetAsync("sam", "d1", CancellationToken.None);

        Assert.NotNull(updated);
        Assert.NotNull(read);
        Assert.NotEqual(record.Version, updated.Version);
        Assert.Equal(updated.Version, read.Version);
        Assert.Equal(DeliveryState.Sent, read.State);
        Assert.Equal((1, "sendgrid", "none"), (read.Attempts, read.Provider, read.Error));
        Assert.Equal(["a1", "a2"], read.ArticleIds);
        Assert.Equal(["msg-1"], read.Locations);
        Assert.Equal(Now.AddMinutes(1), read.UpdatedAt);
    }

    [Fact]
    public async Task TryUpdate_StoresEachDestinationWithItsOutcome()
    {
        var ledger = CreateLedger();
        var record = await ledger.GetOrAddAsync(Pending(), CancellationToken.None);
        DestinationRecord[] destinations =
        [
            new() { Id = "email", State = DeliveryState.Sent, Attempts = 1, Provider = "outbox", Locations = ["a.eml", "a.html"], UpdatedAt = Now },
            new() { Id = "channel:crm", State = DeliveryState.Failed, Attempts = 2, Provider = "webhook", Failure = DeliveryFailure.Permanent, Error = "HTTP 400", UpdatedAt = Now.AddSeconds(5) },
            new() { Id = "channel:ops-slack", State = DeliveryState.Pending, UpdatedAt = Now },
        ];

        await ledger.TryUpdateAsync(record with { State = DeliveryState.Sending, Destinations = destinations }, CancellationToken.None);
        var read = (await ledger.GetAsync("sam", "d1", CancellationToken.None))!;

        Assert.Equal(destinations, read.Destinations, (a, b) => a with { Locations = [] } == b with { Locations = [] } && a.Locations.SequenceEqual(b.Locations));
        Assert.Equal("crm", read.Destinations[1].ChannelId);
    }

    [Fact]
    public async Task TryUpdate_WithAStaleVersion_ChangesNothing()
    {
        var ledger = CreateLedger();
        var record = await ledger.GetOrAddAsync(Pending(), CancellationToken.None);
        await ledger.TryUpdateAsync(record with { State = DeliveryState.Sending }, CancellationToken.None);

        var stale = await ledger.TryUpdateAsync(record with { State = DeliveryState.Empty }, CancellationToken.None);

        Assert.Null(stale);
        Assert.Equal(DeliveryState.Sending, (await ledger.GetAsync("sam", "d1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task TryUpdate_ManyWritersAtOnce_ExactlyOneWins()
    {
        var ledger = CreateLedger();
        var record = await ledger.GetOrAddAsync(Pending(), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => ledger.TryUpdateAsync(record with { State = DeliveryState.Sending, Attempts = i }, CancellationToken.None))));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task GetOpen_ReturnsThePendingAndSendingRecordsOfTheSubscriber_OfAnyPeriod()
    {
        var ledger = CreateLedger();
        foreach (var (id, state) in new[] { ("p", DeliveryState.Pending), ("s", DeliveryState.Sending), ("done", DeliveryState.Sent), ("f", DeliveryState.Failed), ("e", DeliveryState.Empty) })
        {
            var record = await ledger.GetOrAddAsync(Pending(id) with { Period = $"daily:{id}" }, CancellationToken.None);
            await ledger.TryUpdateAsync(record with { State = state }, CancellationToken.None);
        }

        await ledger.GetOrAddAsync(Pending("other") with { SubscriberId = "kim" }, CancellationToken.None);

        var open = await ledger.GetOpenAsync("sam", CancellationToken.None);

        Assert.Equal(["p", "s"], open.Select(r => r.DigestId).Order(StringComparer.Ordinal));
        var sending = open.Single(r => r.DigestId == "s");
        Assert.Equal("daily:s", sending.Period);
        Assert.NotNull(await ledger.TryUpdateAsync(sending with { State = DeliveryState.Sent }, CancellationToken.None));
        Assert.Equal(["p"], (await ledger.GetOpenAsync("sam", CancellationToken.None)).Select(r => r.DigestId));
    }

    [Fact]
    public async Task Get_UnknownDigest_ReturnsNull()
    {
        Assert.Null(await CreateLedger().GetAsync("sam", "nope", CancellationToken.None));
    }
}
