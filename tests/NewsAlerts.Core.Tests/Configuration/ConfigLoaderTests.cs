using NewsAlerts.Core.Configuration;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string ValidConfig = """
        {
          "sources": [ { "id": "feed", "url": "feed.xml" } ],
          "watchlists": [
            { "id": "hamas-russia", "name": "Hamas delegation Russia", "query": "Hamas delegation Russia" }
          ],
          "subscribers": [
            { "id": "sam", "email": "sam@example.com", "watchlists": [ "hamas-russia" ] }
          ]
        }
        """;

    private readonly TempFolder _folder = new();

    public ConfigLoaderTests() => _folder.Write("feed.xml", "<rss version=\"2.0\"><channel /></rss>");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_SampleConfig_HasWatchlistsAndResolvesTheFeedFile()
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Seeds, "newsalerts.json"));

        var watchlist = Assert.Single(config.Watchlists, w => w.Id == "hamas-russia");
        Assert.Equal("Hamas delegation Russia", watchlist.Name);
        Assert.Equal("Hamas delegation Russia", watchlist.Query);
        Assert.Equal(3, config.Watchlists.Count);
        var subscriber = Assert.Single(config.Subscribers);
        Assert.Equal(config.Watchlists.Select(w => w.Id), subscriber.Watchlists);
        Assert.True(File.Exists(Assert.Single(config.Sources).Location.LocalPath));
    }

    [Fact]
    public void Load_MissingFile_SaysTheConfigFileIsNotFound()
    {
        var path = _folder.File("nope.json");

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal($"{path}: config file not found", error.ToString());
    }

    [Fact]
    public void Load_UnreadableJson_ReportsLineAndColumn()
    {
        var path = _folder.Write("bad.json", "{\n  \"sources\": [\n    { \"id\": \"feed\" \"url\": \"feed.xml\" }\n  ]\n}\n");

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}:3: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("column 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SubscriberNamingUnknownWatchlist_NamesTheFieldAndItsLine()
    {
        var path = _folder.Write("config.json", ValidConfig.Replace("[ \"hamas-russia\" ]", "[ \"hamas-russia\",\n \"no-such-list\" ]", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal("subscribers[0].watchlists[1]", error.Field);
        Assert.Equal(8, error.Line);
        Assert.Contains("unknown watchlist 'no-such-list'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WatchlistWithEmptyQuery_IsRefused()
    {
        var path = _folder.Write("config.json", ValidConfig.Replace("\"query\": \"Hamas delegation Russia\"", "\"query\": \"  \"", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal("watchlists[0].query", error.Field);
        Assert.Equal(4, error.Line);
        Assert.Equal("watchlist 'hamas-russia' has an empty query", error.Message);
    }

    [Fact]
    public void Load_SourceFileThatDoesNotExist_NamesTheFile()
    {
        var path = _folder.Write("config.json", ValidConfig.Replace("feed.xml", "missing.xml", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal("sources[0].url", error.Field);
        Assert.Equal(2, error.Line);
        Assert.Contains("feed file 'missing.xml' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_IsNamed()
    {
        var path = _folder.Write("config.json", ValidConfig.Replace("\"id\": \"feed\"", "\"id\": \"feed\", \"urll\": \"x\"", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal("unknown field 'urll' (did you mean 'url'?)", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Load_WrongValueType_SaysWhatWasExpected()
    {
        var path = _folder.Write("config.json", ValidConfig.Replace("\"url\": \"feed.xml\"", "\"url\": \"feed.xml\", \"enabled\": \"yes\"", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors);

        Assert.Equal("sources[0].enabled", error.Field);
        Assert.Equal("expected true or false", error.Message);
    }

    [Fact]
    public void Load_SeveralProblems_ListsEveryOne()
    {
        var config = """
            {
              "sources": [ { "id": "a", "url": "gone.xml" }, { "id": "a", "url": "ftp://x/y" } ],
              "watchlists": [ { "id": "w", "name": "", "query": "" } ],
              "subscribers": [ { "id": "s", "email": "not-an-address", "watchlists": [ "zzz" ] } ]
            }
            """;
        var path = _folder.Write("config.json", config);

        var errors = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors;

        string[] expected = ["sources[0].url", "sources[1].id", "sources[1].url", "watchlists[0].name", "watchlists[0].query", "subscribers[0].email", "subscribers[0].watchlists[0]"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_BadSubscriberTiming_NamesEachFieldAndLine()
    {
        var config = """
            {
              "sources": [ { "id": "feed", "url": "feed.xml" } ],
              "watchlists": [ { "id": "w", "name": "W", "query": "x", "urgent": true } ],
              "subscribers": [
                {
                  "id": "sam", "email": "sam@example.com", "watchlists": [ "w" ],
                  "timeZone": "Mars/Olympus",
                  "schedule": "daily 25:00",
                  "quietHours": "22:00",
                  "maxItems": 0
                }
              ]
            }
            """;
        var path = _folder.Write("config.json", config);

        var errors = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors;

        Assert.Equal(
            [
                "config.json:7: subscribers[0].timeZone: 'Mars/Olympus' is not a known IANA time zone (such as Europe/Berlin or UTC)",
                "config.json:8: subscribers[0].schedule: '25:00' is not a time of day (use HH:mm, 24-hour clock)",
                "config.json:9: subscribers[0].quietHours: '22:00' is not a time window: use HH:mm-HH:mm, such as 22:00-07:00",
                "config.json:10: subscribers[0].maxItems: must be at least 1, not 0",
            ],
            errors.Select(e => e.ToString().Replace(_folder.Path + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_SubscriberTiming_IsRead()
    {
        var path = _folder.Write("config.json", ValidConfig.Replace(
            "\"watchlists\": [ \"hamas-russia\" ]",
            "\"watchlists\": [ \"hamas-russia\" ], \"timeZone\": \"Europe/Berlin\", \"schedule\": \"weekly Mon 09:30\", \"quietHours\": \"22:00-07:00\", \"maxItems\": 5",
            StringComparison.Ordinal));

        var subscriber = Assert.Single(ConfigLoader.Load(path).Subscribers);

        Assert.Equal(("Europe/Berlin", "weekly Mon 09:30", "22:00-07:00", 5), (subscriber.TimeZone, subscriber.Schedule, subscriber.QuietHours, subscriber.MaxItems));
    }

    [Theory]
    [InlineData("sources", "../../x")]
    [InlineData("watchlists", "a/b")]
    [InlineData("subscribers", "../../x")]
    [InlineData("subscribers", ".hidden")]
    [InlineData("subscribers", "sam smith")]
    [InlineData("subscribers", "x\\u0000")]
    public void Load_IdOutsideTheCharset_IsRefusedWithFileLineAndField(string section, string id)
    {
        var json = ValidConfig.Replace(section switch
        {
            "sources" => "\"id\": \"feed\"",
            "watchlists" => "\"id\": \"hamas-russia\"",
            _ => "\"id\": \"sam\"",
        }, $"\"id\": \"{id}\"", StringComparison.Ordinal);
        var path = _folder.Write("ids.json", json);

        var errors = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors;

        var error = Assert.Single(errors, e => e.Field == $"{section}[0].id");
        Assert.True(error.Line > 0);
        Assert.Contains("may hold only letters, digits, '.', '_' and '-'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IdOfSixtyFiveCharacters_IsRefused_SixtyFourAccepted()
    {
        var ok = _folder.Write("ok.json", ValidConfig.Replace("\"id\": \"sam\"", $"\"id\": \"{new string('s', 64)}\"", StringComparison.Ordinal));
        var tooLong = _folder.Write("long.json", ValidConfig.Replace("\"id\": \"sam\"", $"\"id\": \"{new string('s', 65)}\"", StringComparison.Ordinal));

        Assert.Equal(64, Assert.Single(ConfigLoader.Load(ok).Subscribers).Id.Length);
        Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(tooLong)).Errors);
    }

    [Fact]
    public void Load_SourcesThatAreNotRegularFiles_AreRefusedByName()
    {
        var fifo = _folder.MakeFifo("feed.fifo");
        Directory.CreateDirectory(_folder.File("feeds"));
        var json = ValidConfig.Replace(
            "\"sources\": [ { \"id\": \"feed\", \"url\": \"feed.xml\" } ]",
            "\"sources\": [ { \"id\": \"fifo\", \"url\": \"feed.fifo\" }, { \"id\": \"folder\", \"url\": \"feeds\" }, { \"id\": \"zero\", \"url\": \"/dev/zero\" }, { \"id\": \"ok\", \"url\": \"feed.xml\" } ]",
            StringComparison.Ordinal);
        var path = _folder.Write("kinds.json", json);

        var errors = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(3, errors.Count);
        Assert.Equal($"{path}:2: sources[0].url: feed file 'feed.fifo' is a FIFO (named pipe), not a regular file (looked at {fifo})", errors[0]);
        Assert.Contains("sources[1].url: feed file 'feeds' is a directory, not a regular file", errors[1], StringComparison.Ordinal);
        Assert.Contains("sources[2].url: feed file '/dev/zero' is a character device, not a regular file", errors[2], StringComparison.Ordinal);
    }
}
