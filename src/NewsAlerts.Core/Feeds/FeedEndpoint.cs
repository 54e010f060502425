using System.Security.Cryptography;

namespace NewsAlerts.Core.Feeds;

/// <summary>An HTTP answer to a feed request: status, content type, body and the entity tag (null when not 200/304).</summary>
public sealed record FeedResponse(int StatusCode, string ContentType, byte[] Body, string? ETag = null);

/// <summary>
/// <c>GET /api/feeds/{watchlist}.atom?token=...</c>, free of any HTTP framework: the feed with an ETag (a reader that
/// sends it back in <c>If-None-Match</c> gets 304 and no body). An unknown watchlist and a wrong token both get 404,
/// so the endpoint does not tell strangers which watchlists exist; feeds switched off get 404 too.
/// </summary>
public sealed class FeedEndpoint(WatchlistFeeds feeds)
{
    private const string TextType = "text/plain; charset=utf-8";

    public async Task<FeedResponse> GetAsync(string file, string? token, string? ifNoneMatch, Uri requestUrl, CancellationToken cancellationToken)
    {
        if (!feeds.Options.Enabled || !file.EndsWith(WatchlistFeeds.FileExtension, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var watchlistId = file[..^WatchlistFeeds.FileExtension.Length];
        if (!feeds.IsValid(watchlistId, token) || await feeds.RenderAsync(watchlistId, requestUrl, cancellationToken) is not { } body)
        {
            return NotFound();
        }

        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";
        return ifNoneMatch is not null && ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Contains(etag, StringComparer.Ordinal)
            ? new FeedResponse(304, AtomFeed.ContentType, [], etag)
            : new FeedResponse(200, AtomFeed.ContentType, body, etag);
    }

    private static FeedResponse NotFound() =>
        new(404, TextType, "No such feed: check the watchlist id and the token in the link (newsalerts feed url WATCHLIST prints it)."u8.ToArray());
}
