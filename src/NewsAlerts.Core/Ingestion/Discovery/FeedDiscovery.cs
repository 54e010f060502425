using AngleSharp.Html.Parser;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.Core.Ingestion.Parsing;

namespace NewsAlerts.Core.Ingestion.Discovery;

/// <summary>A feed found for a site: where it is, what it is called, its format and how many items it has now.</summary>
public sealed record DiscoveredFeed(Uri Url, string Title, string Format, int Items, string FoundBy);

/// <summary>
/// Finds a site's feeds the way feed readers do: the page itself when it is a feed; else the feeds its HTML announces
/// with <c>&lt;link rel="alternate" type="application/rss+xml|atom+xml|feed+json"&gt;</c>; else the common paths
/// (<c>/feed</c>, <c>/rss.xml</c>, <c>/atom.xml</c>...). Every candidate is fetched and parsed: only real feeds are
/// reported. Fetches go through the feed HTTP rules (SSRF guard, size cap, timeouts).
/// </summary>
public sealed class FeedDiscovery(IArticlePageFetcher fetcher)
{
    /// <summary>Paths tried at the site's root when the page names no feed.</summary>
    public static readonly IReadOnlyList<string> CommonPaths =
        ["/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json", "/feeds/posts/default", "/?feed=rss2"];

    private static readonly string[] FeedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "text/xml", "application/xml"];

    /// <summary>The feeds found for <paramref name="page"/>; empty when there are none. Throws <see cref="FeedFetchException"/> when the page itself cannot be read.</summary>
    public async Task<IReadOnlyList<DiscoveredFeed>> DiscoverAsync(Uri page, bool allowPrivateNetwork, CancellationToken cancellationToken)
    {
        var source = new SourceConfig { Id = "discover", Url = page.AbsoluteUri, Location = page, AllowPrivateNetwork = allowPrivateNetwork };
        var fetched = await fetcher.FetchPageAsync(source, page, cancellationToken);
        if (AsFeed(fetched, "the address itself") is { } itself)
        {
            return [itself];
        }

        var announced = await CheckAllAsync(source, Announced(fetched), "a <link rel=\"alternate\"> in the page", cancellationToken);
        if (announced.Count > 0)
        {
            return announced;
        }

        var root = new Uri(fetched.Location.GetLeftPart(UriPartial.Authority));
        return await CheckAllAsync(source, CommonPaths.Select(p => new Uri(root, p)), "a common feed path", cancellationToken);
    }

    /// <summary>The alternate links of an HTML page, resolved against its address (or its &lt;base href&gt;).</summary>
    private static List<Uri> Announced(FeedFetchResult page)
    {
        var html = System.Text.Encoding.UTF8.GetString(page.Body);
        var document = new HtmlParser().ParseDocument(html);
        var baseHref = document.QuerySelector("base[href]")?.GetAttribute("href");
        var baseUri = baseHref is not null && Uri.TryCreate(page.Location, baseHref, out var b) ? b : page.Location;
        return document.QuerySelectorAll("link[href]")
            .Where(l => (l.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase))
            .Where(l => FeedTypes.Contains((l.GetAttribute("type") ?? "").Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase))
            .Select(l => Uri.TryCreate(baseUri, l.GetAttribute("href"), out var url) && url.Scheme is "http" or "https" ? url : null)
            .OfType<Uri>()
            .DistinctBy(u => u.AbsoluteUri)
            .ToList();
    }

    private async Task<List<DiscoveredFeed>> CheckAllAsync(SourceConfig source, IEnumerable<Uri> candidates, string foundBy, CancellationToken cancellationToken)
    {
        var found = new List<DiscoveredFeed>();
        foreach (var candidate in candidates)
        {
            try
            {
                if (AsFeed(await fetcher.FetchPageAsync(source, candidate, cancellationToken), foundBy) is { } feed
                    && !found.Any(f => f.Url.AbsoluteUri == feed.Url.AbsoluteUri))
                {
                    found.Add(feed);
                }
            }
            catch (FeedFetchException)
            {
                // A candidate that does not answer is simply not a feed of this site.
            }
        }

        return found;
    }

    private static DiscoveredFeed? AsFeed(FeedFetchResult fetched, string foundBy)
    {
        var feed = FeedParser.Parse(fetched.Body, fetched.ContentType, fetched.Location);
        return feed.Format.Length > 0 ? new DiscoveredFeed(fetched.Location, feed.Title, feed.Format, feed.Items.Count, foundBy) : null;
    }
}
