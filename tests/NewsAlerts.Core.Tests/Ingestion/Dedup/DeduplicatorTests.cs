using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Ingestion.Dedup;
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
        _time.Advance(TimeSpan.FromDays(8));

        var later = await Create().ProcessAsync(Story("o1", "outlet", Stories.OutletTitle, Stories.OutletBody), CancellationToken.None);

        Assert.Equal("o1", later.Article.ClusterId);
        Assert.Equal(1, _store.Count);
    }
}
