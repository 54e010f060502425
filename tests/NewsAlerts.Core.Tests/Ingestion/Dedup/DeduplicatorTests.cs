using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Fakes;

namespace NewsAlerts.Core.Tests.Ingestion.Dedup;

public sealed class DeduplicatorTests
{
    private readonly InMemoryDeduplicationStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private Deduplicator Create() => new(_store, Options.Create(new DeduplicationOptions()), _time);

    private static Article Story(string id, string source, string title, string body, string? link = null) => new()
    {
        Id = id, SourceId = source, Title = title, Body = body, Link = link is null ? null : new Uri(link),
    };

    [Fact]
    public async Task TwoOutletsEditedVersionsOfOneStory_ShareACluster()
    {
        var dedup = Create();

        var wire = await dedup.ProcessAsync(Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a"), CancellationToken.None);
        var outlet = await dedup.ProcessAsync(Story("o1", "outlet", Stories.OutletTitle, Stories.OutletBody, "https://outlet.example/b"), CancellationToken.None);

        Assert.False(outlet.IsDuplicate);
        Assert.Equal("w1", wire.Article.ClusterId);
        Assert.Equal("w1", outlet.Article.ClusterId);
    }

    [Fact]
    public async Task TwoDifferentStoriesOnTheSameTopic_GetTheirOwnClusters()
    {
        var dedup = Create();

        await dedup.ProcessAsync(Story("w1", "wire", Stories.WireTitle, Stories.WireBody), CancellationToken.None);
        var other = await dedup.ProcessAsync(Story("s1", "wire", Stories.SameTopicTitle, Stories.SameTopicBody), CancellationToken.None);

        Assert.Equal("s1", other.Article.ClusterId);
    }

    [Theory]
    [InlineData("w1", "https://elsewhere.example/x", "Other title", "same id")]
    [InlineData("w2", "https://WIRE.example/a?utm_source=rss#top", "Other title", "same URL")]
    [InlineData("w3", "https://mirror.example/c", null, "same content")]
    public async Task ExactDuplicates_AreDropped_WithTheReason(string id, string link, string? title, string reason)
    {
        var dedup = Create();
        await dedup.ProcessAsync(Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a"), CancellationToken.None);

        var copy = await dedup.ProcessAsync(Story(id, "mirror", title ?? Stories.WireTitle, title is null ? Stories.WireBody.Replace("\n", "  \n", StringComparison.Ordinal) : "A different text entirely about other things happening in another town today.", link), CancellationToken.None);

        Assert.Equal(reason, copy.DuplicateReason);
    }

    [Fact]
    public async Task Window_SurvivesARestart_ThroughTheStore()
    {
        await Create().ProcessAsync(Story("w1", "wire", Stories.WireTitle, Stories.WireBody), CancellationToken.None);

        var afterRestart = await Create().ProcessAsync(Story("o1", "outlet", Stories.OutletTitle, Stories.OutletBody), CancellationToken.None);

        Assert.Equal("w1", afterRestart.Article.ClusterId);
    }

    [Fact]
    public async Task FingerprintsOlderThanTheRetention_ArePurged_AndNoLongerCluster()
    {
        await Create().ProcessAsync(Story("w1", "wire", Stories.WireTitle, Stories.WireBody), CancellationToken.None);
        await Create().ProcessAsync(Story("s1", "wire", Stories.SameTopicTitle, Stories.SameTopicBody), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(8));

        var later = await Create().ProcessAsync(Story("o1", "outlet", Stories.OutletTitle, Stories.OutletBody), CancellationToken.None);

        Assert.Equal("o1", later.Article.ClusterId);
        Assert.Equal(["s1", "o1"], _store.Ids); // s1 was the newest entry at the purge, which keeps the log's position
    }

    [Fact]
    public async Task AnotherProcessesCopy_AppendedAfterThisWindowWasBuilt_IsFoundAtTheNextPoll()
    {
        var here = Create();
        var there = Create();
        await here.ProcessAsync(Story("x1", "local", Stories.SameTopicTitle, Stories.SameTopicBody), CancellationToken.None); // builds this window

        await there.ProcessAsync(Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a"), CancellationToken.None);
        var outlet = await here.ProcessAsync(Story("o1", "outlet", Stories.OutletTitle, Stories.OutletBody, "https://outlet.example/b"), CancellationToken.None);
        var sameUrl = await here.ProcessAsync(Story("m1", "mirror", "Other title", "A different text entirely about other things happening in another town today.", "https://wire.example/a"), CancellationToken.None);

        Assert.Equal("w1", outlet.Article.ClusterId);
        Assert.Equal("same URL", sameUrl.DuplicateReason);
    }

    [Fact]
    public async Task TwoProcessesClassifyingCopiesAtOnce_AgreeOnOneCluster()
    {
        var first = Create();
        var second = Create();
        var wire = await first.ClassifyAsync([Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a")], CancellationToken.None);
        var outlet = await second.ClassifyAsync([Story("o1", "outlet", Stories.OutletTitle, Stories.OutletBody, "https://outlet.example/b")], CancellationToken.None);
        Assert.Equal("o1", outlet.Decisions[0].Article.ClusterId); // neither has appended yet

        var wireRemembered = await first.RememberAsync(wire, CancellationToken.None);
        var outletRemembered = await second.RememberAsync(outlet, CancellationToken.None);

        Assert.Equal("w1", wireRemembered[0].Article.ClusterId);
        Assert.Equal("w1", outletRemembered[0].Article.ClusterId);
        Assert.Equal("w1", outletRemembered[0].Fingerprint!.ClusterId);
        Assert.Equal(2, _store.Entries);
    }

    [Fact]
    public async Task ACopyWithTheSameUrlClassifiedAtOnce_IsKeptInTheFirstCopysCluster_ForItIsStoredAlready()
    {
        var first = Create();
        var second = Create();
        var wire = await first.ClassifyAsync([Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a")], CancellationToken.None);
        var mirror = await second.ClassifyAsync([Story("m1", "mirror", Stories.WireTitle, Stories.WireBody, "https://wire.example/a")], CancellationToken.None);

        await first.RememberAsync(wire, CancellationToken.None);
        var kept = Assert.Single(await second.RememberAsync(mirror, CancellationToken.None));

        Assert.Equal(("m1", "w1", false), (kept.Article.Id, kept.Article.ClusterId, kept.IsDuplicate));
    }

    [Fact]
    public async Task ItemsOfOnePoll_SeeEachOther()
    {
        var batch = await Create().ClassifyAsync(
            [
                Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a"),
                Story("o1", "wire", Stories.OutletTitle, Stories.OutletBody, "https://wire.example/b"),
                Story("w2", "wire", "Again", Stories.WireBody, "https://wire.example/a"),
            ],
            CancellationToken.None);

        Assert.Equal(["w1", "w1", "w1"], batch.Decisions.Select(d => d.Article.ClusterId));
        Assert.Equal([null, null, "same URL"], batch.Decisions.Select(d => d.DuplicateReason));
    }

    [Fact]
    public async Task APollThatIsNeverRemembered_LeavesNothingBehind()
    {
        var dedup = Create();
        await dedup.ClassifyAsync([Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a")], CancellationToken.None);

        var again = await dedup.ClassifyAsync([Story("w1", "wire", Stories.WireTitle, Stories.WireBody, "https://wire.example/a")], CancellationToken.None);

        Assert.False(again.Decisions[0].IsDuplicate);
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task ABigPoll_IsAppendedInEntriesOfAtMostTheLimit()
    {
        var dedup = Create();
        var articles = Enumerable.Range(0, Deduplicator.MaxFingerprintsPerEntry + 5).Select(i => Story($"a{i}", "wire", $"Title {i}", $"Body {i}")).ToList();

        var remembered = await dedup.RememberAsync(await dedup.ClassifyAsync(articles, CancellationToken.None), CancellationToken.None);

        Assert.Equal(articles.Count, remembered.Count);
        Assert.Equal(2, _store.Entries);
    }
}
