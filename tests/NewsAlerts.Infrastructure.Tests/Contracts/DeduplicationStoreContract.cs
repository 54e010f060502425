using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IDeduplicationStore"/> must do; one subclass per implementation.</summary>
public abstract class DeduplicationStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IDeduplicationStore CreateStore();

    /// <summary>A second handle on the same store, as another process would open it.</summary>
    protected abstract IDeduplicationStore OpenAgain(IDeduplicationStore store);

    private static ArticleFingerprint Fingerprint(string articleId, DateTimeOffset seenAt, ulong simHash = 0xF00D_CAFE_0000_0001, string cluster = "c1") =>
        new(articleId, $"https://example.com/{articleId}?q=a%20b", $"hash-{articleId}", simHash, cluster, seenAt);

    private static async Task<List<ArticleFingerprint>> LoadAsync(IDeduplicationStore store, DateTimeOffset since) =>
        (await store.LoadSinceAsync(since, CancellationToken.None)).Fingerprints.OrderBy(f => f.ArticleId, StringComparer.Ordinal).ToList();

    private static async Task AppendAsync(IDeduplicationStore store, params ArticleFingerprint[] fingerprints)
    {
        var position = (await store.ReadAfterAsync(0, CancellationToken.None)).Position;
        Assert.True(await store.TryAppendAsync(position, fingerprints, CancellationToken.None));
    }

    [Fact]
    public async Task Append_ThenLoad_ReturnsEveryField_IncludingSimHashesAboveLongMax()
    {
        var store = CreateStore();
        var fingerprint = Fingerprint("a1", Now, simHash: ulong.MaxValue - 5) with { CanonicalUrl = "https://example.com/a\tb%09\nc" };

        Assert.True(await store.TryAppendAsync(0, [fingerprint], CancellationToken.None));

        var loaded = await store.LoadSinceAsync(Now.AddDays(-1), CancellationToken.None);
        Assert.Equal([fingerprint], loaded.Fingerprints);
        Assert.Equal(1, loaded.Position);
    }

    [Fact]
    public async Task Append_AtAPositionAlreadyTaken_FailsAndWritesNothing()
    {
        var store = CreateStore();
        var other = OpenAgain(store);
        Assert.True(await store.TryAppendAsync(0, [Fingerprint("first", Now)], CancellationToken.None));

        var lost = await other.TryAppendAsync(0, [Fingerprint("racer", Now)], CancellationToken.None);

        Assert.False(lost);
        Assert.Equal(["first"], (await LoadAsync(other, Now.AddDays(-1))).Select(f => f.ArticleId));
        Assert.True(await other.TryAppendAsync(1, [Fingerprint("racer", Now)], CancellationToken.None));
    }

    [Fact]
    public async Task ReadAfter_ReturnsWhatOthersAppendedSinceThePosition_InLogOrder()
    {
        var store = CreateStore();
        var other = OpenAgain(store);
        await AppendAsync(store, Fingerprint("e1", Now));
        await AppendAsync(other, Fingerprint("e2a", Now), Fingerprint("e2b", Now));
        await AppendAsync(store, Fingerprint("e3", Now));

        var read = await other.ReadAfterAsync(1, CancellationToken.None);
        var nothing = await other.ReadAfterAsync(3, CancellationToken.None);

        Assert.Equal(["e2a", "e2b", "e3"], read.Fingerprints.Select(f => f.ArticleId));
        Assert.Equal(3, read.Position);
        Assert.Equal((0, 3L), (nothing.Fingerprints.Count, nothing.Position));
    }

    [Fact]
    public async Task AnEntryLargerThanOneRowOfText_RoundTrips()
    {
        var store = CreateStore();
        var many = Enumerable.Range(0, Deduplicator.MaxFingerprintsPerEntry)
            .Select(i => Fingerprint($"article-{i:D4}", Now, simHash: (ulong)i * 0x9E37_79B9_7F4A_7C15) with { CanonicalUrl = $"https://example.com/{new string('x', 150)}/{i}" })
            .ToArray();

        Assert.True(await store.TryAppendAsync(0, many, CancellationToken.None));

        var read = await OpenAgain(store).ReadAfterAsync(0, CancellationToken.None);
        Assert.Equal(many.OrderBy(f => f.ArticleId, StringComparer.Ordinal), read.Fingerprints.OrderBy(f => f.ArticleId, StringComparer.Ordinal));
        Assert.Equal(1, read.Position);
    }

    [Fact]
    public async Task LoadSince_LeavesOutOlderFingerprints()
    {
        var store = CreateStore();
        await AppendAsync(store, Fingerprint("old", Now.AddDays(-3)));
        await AppendAsync(store, Fingerprint("edge", Now.AddDays(-1)));
        await AppendAsync(store, Fingerprint("new", Now));

        var loaded = await LoadAsync(store, Now.AddDays(-1));

        Assert.Equal(["edge", "new"], loaded.Select(f => f.ArticleId));
    }

    [Fact]
    public async Task AppendingTheSameArticleAgain_ReplacesIt()
    {
        var store = CreateStore();
        await AppendAsync(store, Fingerprint("a1", Now, cluster: "c1"));

        await AppendAsync(store, Fingerprint("a1", Now.AddMinutes(5), cluster: "c2"));

        var loaded = await LoadAsync(store, Now.AddDays(-1));
        Assert.Equal(("c2", Now.AddMinutes(5)), (loaded[^1].ClusterId, loaded[^1].SeenAt));
    }

    [Fact]
    public async Task PurgeBefore_ForgetsOnlyOlderFingerprints_KeepsTheNewestEntry_AndCountsThem()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(store, Fingerprint($"old{i}", Now.AddDays(-10).AddMinutes(i)));
        }

        await AppendAsync(store, Fingerprint("kept", Now));
        await AppendAsync(store, Fingerprint("newest-but-old", Now.AddDays(-10)));

        var purged = await store.PurgeBeforeAsync(Now.AddDays(-1), CancellationToken.None);

        Assert.Equal(5, purged);
        Assert.Equal(["kept", "newest-but-old"], (await LoadAsync(store, DateTimeOffset.MinValue)).Select(f => f.ArticleId));
        Assert.False(await store.TryAppendAsync(6, [Fingerprint("late", Now)], CancellationToken.None));
        Assert.True(await store.TryAppendAsync(7, [Fingerprint("late", Now)], CancellationToken.None));
    }
}
