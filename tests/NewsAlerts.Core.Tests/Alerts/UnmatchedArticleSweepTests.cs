using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core.Alerts;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Alerts;

/// <summary>The Azure sweep: articles left unmatched past their lease are queued again, a few times, then reported.</summary>
public sealed class UnmatchedArticleSweepTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryArticleStore _articles = new();
    private readonly RecordingQueue _queue = new();

    private UnmatchedArticleSweep Sweep() => new(
        _articles, _queue, Options.Create(new SweepOptions { Lease = TimeSpan.FromMinutes(15), MaxRequeues = 2 }), _time, NullLogger<UnmatchedArticleSweep>.Instance);

    [Fact]
    public async Task UnmatchedArticle_IsQueuedAgainOncePerLease_UpToMaxRequeues_ThenLeftAlone()
    {
        await _articles.TryAddAsync(new ArticleBuilder().WithId("a").Build() with { IngestedAt = _time.GetUtcNow() }, CancellationToken.None);
        await _articles.TryAddAsync(new ArticleBuilder().WithId("done").Build() with { IngestedAt = _time.GetUtcNow() }, CancellationToken.None);
        await _articles.MarkMatchedAsync("done", _time.GetUtcNow(), CancellationToken.None);
        var rounds = new List<IReadOnlyList<string>>();

        foreach (var minutes in new[] { 14, 1, 5, 10, 15, 15, 60 })
        {
            _time.Advance(TimeSpan.FromMinutes(minutes));
            rounds.Add(await Sweep().RequeueAsync(CancellationToken.None));
        }

        // At 14 min: within the lease. At 15 and 30: queued again. At 45: given up. Never again after that.
        Assert.Equal([[], ["a"], [], ["a"], [], [], []], rounds);
        Assert.Equal(["a", "a"], _queue.Sent);
    }

    [Fact]
    public async Task MatchedMeanwhile_IsNotQueuedAgain()
    {
        await _articles.TryAddAsync(new ArticleBuilder().WithId("a").Build() with { IngestedAt = _time.GetUtcNow() }, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(20));
        await Sweep().RequeueAsync(CancellationToken.None);
        await _articles.MarkMatchedAsync("a", _time.GetUtcNow(), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.Empty(await Sweep().RequeueAsync(CancellationToken.None));
        Assert.Equal(["a"], _queue.Sent);
    }

    private sealed class RecordingQueue : IArticleQueue
    {
        public List<string> Sent { get; } = [];

        public Task EnqueueAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken)
        {
            Sent.AddRange(articleIds);
            return Task.CompletedTask;
        }
    }
}
