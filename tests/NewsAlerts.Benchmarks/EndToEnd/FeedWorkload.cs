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
        var generated = workload.Articles(articles, bodyChars: BodyChars);
        CopySomeStories(generated, new Random(5));
        var feeds = (articles + itemsPerFeed - 1) / itemsPerFeed;
        Directory.CreateDirectory(Path.Combine(folder, "feeds"));
        var sourceIds = new List<string>();
        for (var feed = 0; feed < feeds; feed++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"feed-{feed:D4}");
            sourceIds.Add(id);
            var items = generated.Skip(feed * itemsPerFeed).Take(itemsPerFeed).ToList();
            WriteRss(Path.Combine(folder, "feeds", id + ".xml"), id, items, feed * itemsPerFeed, articles, now);
        }

        var queries = workload.Config(watchlists, WatchlistMix.Specific).Watchlists.Select(w => w.Query).ToList();
        var configPath = Path.Combine(folder, "newsalerts.json");
        var subscribers = WriteConfig(configPath, sourceIds, queries);
        return new Written(configPath, articles, feeds, watchlists, subscribers, generated.Average(a => a.Body.Length));
    }

    /// <summary>A config of one source with one item, one watchlist and one subscriber: what a run costs with nothing to do.</summary>
    public static string WriteMinimal(string folder, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.Combine(folder, "feeds"));
        var article = new NewsWorkload().Articles(1, bodyChars: BodyChars);
        WriteRss(Path.Combine(folder, "feeds", "one.xml"), "one", article, 0, 1, now);
        var configPath = Path.Combine(folder, "newsalerts.json");
        WriteConfig(configPath, ["one"], ["Zqxjv"]);
        return configPath;
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

    private static void WriteRss(string path, string feedId, List<Article> items, int firstIndex, int total, DateTimeOffset now)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var writer = XmlWriter.Create(path, settings);
        writer.WriteStartElement("rss");
        writer.WriteAttributeString("version", "2.0");
        writer.WriteStartElement("channel");
        writer.WriteElementString("title", $"Generated news {feedId}");
        writer.WriteElementString("link", $"https://news.example.com/{feedId}/");
        writer.WriteElementString("description", "Benchmark feed");
        writer.WriteElementString("language", "en");
        for (var i = 0; i < items.Count; i++)
        {
            var index = firstIndex + i;
            var published = now - TimeSpan.FromSeconds(10 * (total - index));
            writer.WriteStartElement("item");
            writer.WriteElementString("title", items[i].Title);
            writer.WriteElementString("link", $"https://news.example.com/{feedId}/{index}");
            writer.WriteStartElement("guid");
            writer.WriteAttributeString("isPermaLink", "false");
            writer.WriteString($"{feedId}-{index}");
            writer.WriteEndElement();
            writer.WriteElementString("pubDate", published.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteElementString("description", items[i].Body);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>Writes the config; returns the number of subscribers.</summary>
    private static int WriteConfig(string path, List<string> sourceIds, List<string> queries)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("sources");
        foreach (var id in sourceIds)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("url", $"feeds/{id}.xml");
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
            json.WriteString("schedule", "daily 08:00");
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
}
