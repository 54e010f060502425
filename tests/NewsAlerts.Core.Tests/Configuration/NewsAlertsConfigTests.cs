using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Tests.Configuration;

/// <summary>Lookups by id and the followers of a watchlist, as the pipeline uses them per article.</summary>
public sealed class NewsAlertsConfigTests
{
    private static readonly NewsAlertsConfig Config = new()
    {
        Sources = [new SourceConfig { Id = "s1", Name = "One" }],
        Watchlists = [new WatchlistConfig { Id = "w1", Name = "First" }, new WatchlistConfig { Id = "w2", Name = "Second", Urgent = true }],
        Subscribers =
        [
            new SubscriberConfig { Id = "ann", Watchlists = ["w1", "w2", "w1"] },
            new SubscriberConfig { Id = "bob", Watchlists = ["w2"] },
        ],
    };

    [Fact]
    public void Find_ById_FindsEachKind_AndNothingForAnUnknownId()
    {
        Assert.Equal("One", Config.FindSource("s1")?.Name);
        Assert.Equal("Second", Config.FindWatchlist("w2")?.Name);
        Assert.Equal("bob", Config.FindSubscriber("bob")?.Id);
        Assert.Null(Config.FindWatchlist("w3"));
    }

    [Fact]
    public void FollowersOf_ListsEachFollowerOnce_InConfigOrder()
    {
        Assert.Equal(["ann"], Config.FollowersOf("w1").Select(s => s.Id));
        Assert.Equal(["ann", "bob"], Config.FollowersOf("w2").Select(s => s.Id));
        Assert.Empty(Config.FollowersOf("nobody-follows"));
        Assert.True(Config.HasUrgentWatchlists);
    }

    [Fact]
    public void ACopyWithOtherLists_LooksUpInItsOwnLists()
    {
        Assert.NotNull(Config.FindSource("s1")); // the original's lookups are built

        var copy = Config with { Sources = [new SourceConfig { Id = "s2", Name = "Two" }], Watchlists = [new WatchlistConfig { Id = "w1" }] };

        Assert.Null(copy.FindSource("s1"));
        Assert.Equal("Two", copy.FindSource("s2")?.Name);
        Assert.False(copy.HasUrgentWatchlists);
        Assert.Equal("One", Config.FindSource("s1")?.Name);
    }
}
