using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IDeduplicationStore"/> must do; one subclass per implementation.</summary>
public abstract class DeduplicationStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IDeduplicationStore CreateStore();

    private static ArticleFingerprint Fingerprint(string articleId, DateTimeOffset seenAt, ulong simHash = 0xF00D_CAFE_0000_0001, string cluster = "c1") =>
        new(articleId, $"https://example.com/{articleId}", $"hash-{articleId}", simHash, cluster, seenAt);

    private static async Task<List<ArticleFingerprint>> LoadAsync(IDeduplicationStore store, DateTimeOffset since)
    {
        var loaded = new List<ArticleFingerprint>();
        await foreach (var fingerprint in store.LoadSinceAsync(since, CancellationToken.None))
        {
            loaded.Add(fingerprint);
        }

        return loaded.OrderBy(f => f.ArticleId, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Add_ThenLoad_ReturnsEveryField_IncludingSimHashesAboveLongMax()
    {
        var store = CreateStore();
        var fingerprint = Fingerprint("a1", Now, simHash: ulong.MaxValue - 5);

        await store.AddAsync(fingerprint, CancellationToken.None);

        Assert.Equal([fingerprint], await LoadAsync(store, Now.AddDays(-1)));
    }

    [Fact]
    public async Task LoadSince_LeavesOutOlderFingerprints()
    {
        var store = CreateStore();
        await store.AddAsync(Fingerprint("old", Now.AddDays(-3)), CancellationToken.None);
        await store.AddAsync(Fingerprint("edge", Now.AddDays(-1)), CancellationToken.None);
        await store.AddAsync(Fingerprint("new", Now), CancellationToken.None);

        var loaded = await LoadAsync(store, Now.AddDays(-1));

        Assert.Equal(["edge", "new"], loaded.Select(f => f.ArticleId));
    }

    [Fact]
    public async Task Add_SameArticleAgain_ReplacesIt()
    {
        var store = CreateStore();
        await store.AddAsync(Fingerprint("a1", Now, cluster: "c1"), CancellationToken.None);

        await store.AddAsync(Fingerprint("a1", Now.AddMinutes(5), cluster: "c2"), CancellationToken.None);

        var only = Assert.Single(await LoadAsync(store, Now.AddDays(-1)));
        Assert.Equal(("c2", Now.AddMinutes(5)), (only.ClusterId, only.SeenAt));
    }

    [Fact]
    public async Task PurgeBefore_ForgetsOnlyOlderFingerprints_AndCountsThem()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(Fingerprint($"old{i}", Now.AddDays(-10).AddMinutes(i)), CancellationToken.None);
        }

        await store.AddAsync(Fingerprint("kept", Now), CancellationToken.None);

        var purged = await store.PurgeBeforeAsync(Now.AddDays(-1), CancellationToken.None);

        Assert.Equal(5, purged);
        Assert.Equal(["kept"], (await LoadAsync(store, DateTimeOffset.MinValue)).Select(f => f.ArticleId));
    }
}
