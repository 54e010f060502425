using NewsAlerts.Core.Configuration;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Configuration;

public sealed class ConfigQueryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ConfigQueryTests() => _folder.Write("feed.xml", "<rss version=\"2.0\"><channel /></rss>");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_BadQueries_AreAllListed_WithLineAndCaret()
    {
        var path = _folder.Write("config.json", """
            {
              "sources": [ { "id": "feed", "url": "feed.xml" } ],
              "watchlists": [
                { "id": "a", "name": "A", "query": "Hamas (delegation" },
                { "id": "b", "name": "B", "query": "Hamas" },
                { "id": "c", "name": "C", "query": "@russia gas" },
                { "id": "d", "name": "D", "query": "ru* headline:x", "minScore": -1 }
              ]
            }
            """);

        var errors = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors;

        Assert.Equal(["watchlists[0].query", "watchlists[2].query", "watchlists[3].minScore", "watchlists[3].query"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        var first = errors.Single(e => e.Field == "watchlists[0].query");
        Assert.Equal(4, first.Line);
        Assert.Contains("watchlist 'a': missing ')' to close this '(' (at position 7)", first.Message, StringComparison.Ordinal);
        Assert.EndsWith($"    Hamas (delegation{Environment.NewLine}          ^", first.Message, StringComparison.Ordinal);
        Assert.Contains("unknown alias '@russia'", errors.Single(e => e.Field == "watchlists[2].query").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsAliasesMinScoreGeoAliasesAndExamples()
    {
        var path = _folder.Write("config.json", """
            {
              "sources": [ { "id": "feed", "url": "feed.xml" } ],
              "aliases": { "kremlin": [ "Kremlin", "Dmitry Peskov" ] },
              "watchlists": [
                {
                  "id": "k", "name": "K", "query": "@kremlin gas", "minScore": 1.5, "geoAliases": false,
                  "examples": { "mustMatch": [ "Kremlin gas deal" ], "mustNotMatch": [ "Kremlin oil deal" ] }
                }
              ]
            }
            """);

        var config = ConfigLoader.Load(path);

        Assert.Equal(["Kremlin", "Dmitry Peskov"], config.Aliases["kremlin"]);
        var watchlist = Assert.Single(config.Watchlists);
        Assert.Equal((1.5, false), (watchlist.MinScore, watchlist.GeoAliases));
        Assert.Equal(["Kremlin gas deal"], watchlist.Examples!.MustMatch);
        Assert.Equal(["Kremlin oil deal"], watchlist.Examples.MustNotMatch);
    }

    [Fact]
    public void Load_EmptyAlias_IsRefused()
    {
        var path = _folder.Write("config.json", """
            {
              "sources": [ { "id": "feed", "url": "feed.xml" } ],
              "aliases": { "kremlin": [ ] },
              "watchlists": [ { "id": "k", "name": "K", "query": "gas" } ]
            }
            """);

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Contains("alias '@kremlin' needs at least one entry", error.Message, StringComparison.Ordinal);
    }
}
