using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using NewsAlerts.Benchmarks.Matching;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.Benchmarks.EndToEnd;

/// <summary>
/// Writes what <c>newsalerts run --once</c> reads for the end-to-end benchmark: RSS files of generated news-like
/// articles (<see cref="NewsWorkload"/>, bodies grown sentence by sentence past <see cref="BodyChars"/> characters, so
/// about 800 on average, like wire items; <see cref="ItemsPerFeed"/>
/// items a feed, so 20 feeds per 1,000 articles) and a config with the watchlists (the <see cref="WatchlistMix.Specific"/>
/// mix: every one tracks a name) and one subscriber per <see cref="WatchlistsPerSubscriber"/> watchlists, each
/// following their own ten on a daily schedule (a subscriber's first check delivers at once).
/// </summary>
/// <remarks>
/// About <see cref="CopyShare"/> of the items are another feed's story with one word changed, as syndicated copies
/// are, so de-duplication has clusters to find. Publication times are the last hours before now, so no age filter
/// drops them.
/// </remarks>
internal static class FeedWorkload
{
    public const int BodyChars = 680;
    public const int ItemsPerFeed = 50;
    public const int WatchlistsPerSubscriber = 10;
    public const double CopyShare = 0.05;

    public sealed record Written(string ConfigPath, int Articles, int Feeds, int Watchlists, int Subscribers, double AverageBodyChars);

    /// <summary>Writes feeds and config for <paramref name="articles"/> articles and <paramref name="watchlists"/> watchlists under <paramref name="folder"/>.</summary>
    public static Written Write(string folder, int articles, int watchlists, DateTimeOffset now, int itemsPerFeed = ItemsPerFeed)
    {
        var workload = new NewsWorkload();
        var generated = Generate(workload, articles);
        var feeds = (articles + itemsPerFeed - 1) / itemsPerFeed;
        Directory.CreateDirectory(Path.Combine(folder, "feeds"));
        var sourceIds = new List<string>();
        for (var feed = 0; feed < feeds; feed++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"feed-{feed:D4}");
            sourceIds.Add(id);
            var items = generated.Skip(feed * itemsPerFeed).Take(itemsPerFeed)
                .Select((article, i) => new FeedItem(feed * itemsPerFeed + i, article, now - TimeSpan.FromSeconds(10 * (articles - (feed * itemsPerFeed) - i))));
            File.WriteAllBytes(Path.Combine(folder, "feeds", id + ".xml"), Rss(id, items));
        }

        var queries = workload.Config(watchlists, WatchlistMix.Specific).Watchlists.Select(w => w.Query).ToList();
        var configPath = Path.Combine(folder, "newsalerts.json");
        var subscribers = WriteConfig(configPath, sourceIds, queries, id => $"feeds/{id}.xml", _ => "daily 08:00");
        return new Written(configPath, articles, feeds, watchlists, subscribers, generated.Average(a => a.Body.Length));
    }

    /// <summary>A config of one source with one item, one watchlist and one subscriber: what a run costs with nothing to do.</summary>
    public static string WriteMinimal(string folder, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.Combine(folder, "feeds"));
        var article = new NewsWorkload().Articles(1, bodyChars: BodyChars)[0];
        File.WriteAllBytes(Path.Combine(folder, "feeds", "one.xml"), Rss("one", [new FeedItem(0, article, now)]));
        var configPath = Path.Combine(folder, "newsalerts.json");
        WriteConfig(configPath, ["one"], ["Zqxjv"], id => $"feeds/{id}.xml", _ => "daily 08:00");
        return configPath;
    }

    /// <summary><paramref name="count"/> generated articles, some of them copies of others (see the remarks).</summary>
    public static List<Article> Generate(NewsWorkload workload, int count)
    {
        var generated = workload.Articles(count, bodyChars: BodyChars);
        CopySomeStories(generated, new Random(5));
        return generated;
    }

    /// <summary>An RSS document of the items; <see cref="FeedItem.Index"/> makes each item's guid and link.</summary>
    public static byte[] Rss(string feedId, IEnumerable<FeedItem> items)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", $"Generated news {feedId}");
            writer.WriteElementString("link", $"https://news.example.com/{feedId}/");
            writer.WriteElementString("description", "Benchmark feed");
            writer.WriteElementString("language", "en");
            foreach (var item in items)
            {
                writer.WriteStartElement("item");
                writer.WriteElementString("title", item.Article.Title);
                writer.WriteElementString("link", $"https://news.example.com/{feedId}/{item.Index}");
                writer.WriteStartElement("guid");
                writer.WriteAttributeString("isPermaLink", "false");
                writer.WriteString(ItemGuid(feedId, item.Index));
                writer.WriteEndElement();
                writer.WriteElementString("pubDate", item.Published.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteElementString("description", item.Article.Body);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>The guid of item <paramref name="index"/> of a feed, from which its article id is made.</summary>
    public static string ItemGuid(string feedId, int index) => string.Create(CultureInfo.InvariantCulture, $"{feedId}-{index}");

    /// <summary>
    /// Writes the config: each source at <paramref name="url"/>(id) (an http URL allows the private network, for feeds
    /// served on 127.0.0.1), the watchlists, and one subscriber per ten watchlists on <paramref name="schedule"/>(index).
    /// Returns the number of subscribers.
    /// </summary>
    public static int WriteConfig(string path, IReadOnlyList<string> sourceIds, IReadOnlyList<string> queries, Func<string, string> url, Func<int, string> schedule)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("sources");
        foreach (var id in sourceIds)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("url", url(id));
            if (url(id).StartsWith("http", StringComparison.Ordinal))
            {
                json.WriteBoolean("allowPrivateNetwork", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("watchlists");
        for (var i = 0; i < queries.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("id", $"w{i}");
            json.WriteString("name", $"Watchlist {i}");
            json.WriteString("query", queries[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("subscribers");
        var subscribers = (queries.Count + WatchlistsPerSubscriber - 1) / WatchlistsPerSubscriber;
        for (var s = 0; s < subscribers; s++)
        {
            json.WriteStartObject();
            json.WriteString("id", $"s{s}");
            json.WriteString("email", $"s{s}@example.com");
            json.WriteString("schedule", schedule(s));
            json.WriteStartArray("watchlists");
            for (var w = s * WatchlistsPerSubscriber; w < Math.Min(queries.Count, (s + 1) * WatchlistsPerSubscriber); w++)
            {
                json.WriteStringValue($"w{w}");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return subscribers;
    }

    /// <summary>Replaces a few articles by a copy of an earlier one with one word changed.</summary>
    private static void CopySomeStories(List<Article> articles, Random random)
    {
        for (var i = 1; i < articles.Count; i++)
        {
            if (random.NextDouble() >= CopyShare)
            {
                continue;
            }

            var original = articles[random.Next(i)];
            var words = original.Body.Split(' ');
            words[random.Next(words.Length)] = "reportedly";
            articles[i] = articles[i] with { Title = original.Title, Body = string.Join(' ', words) };
        }
    }
}

/// <summary>One feed item: its number (for guid and link), its article and when it was published.</summary>
internal sealed record FeedItem(int Index, Article Article, DateTimeOffset Published);
