using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Unsubscribe;

namespace NewsAlerts.Core.Feeds;

/// <summary>
/// The Atom feed of each watchlist: renders it from the recorded matches, and hands out and checks its link. A link
/// carries a per-watchlist token, an HMAC under the unsubscribe signing key (the same key handling: the
/// <c>NewsAlerts:Unsubscribe:Secret</c> setting, a Key Vault reference in Azure, or the key file in the state
/// folder), labelled so it can never pass for an unsubscribe token. A token does not expire: feed readers keep a
/// subscription for years; changing the key revokes every feed link (and every unsubscribe link) at once.
/// </summary>
public sealed class WatchlistFeeds(
    IWatchlistFeedStore store,
    IConfigProvider configProvider,
    UnsubscribeTokens signer,
    IOptions<FeedOptions> options,
    IOptions<NewsAlertsOptions> host)
{
    public const string FileExtension = ".atom";

    private const string Purpose = "newsalerts-feed-v1";

    /// <summary>Token bytes kept: 128 bits, 22 URL-safe characters.</summary>
    private const int TokenBytes = 16;

    public FeedOptions Options => options.Value;

    /// <summary>The watchlist's feed document, or null when the config has no such watchlist.</summary>
    public async Task<byte[]?> RenderAsync(string watchlistId, Uri? self, CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        return config.FindWatchlist(watchlistId) is { } watchlist
            ? await RenderAsync(config, watchlist, self, emptyToo: true, cancellationToken)
            : null;
    }

    /// <summary>The feed of a watchlist of <paramref name="config"/>; null when it has no entries and <paramref name="emptyToo"/> is false.</summary>
    public async Task<byte[]?> RenderAsync(NewsAlertsConfig config, WatchlistConfig watchlist, Uri? self, bool emptyToo, CancellationToken cancellationToken)
    {
        var entries = await store.GetLatestAsync(watchlist.Id, options.Value.MaxEntries, cancellationToken);
        return entries.Count == 0 && !emptyToo ? null : AtomFeed.Render(config, watchlist, entries, self);
    }

    public string TokenFor(string watchlistId) => Base64Url(signer.Sign(Purpose, watchlistId).AsSpan(0, TokenBytes));

    /// <summary>
    /// The feed URL to paste into a feed reader: under <see cref="FeedOptions.BaseUrl"/>, else the Functions app's
    /// <c>/api/feeds</c> under <c>NewsAlerts:PublicBaseUrl</c>; null when neither is set (nothing public serves feeds).
    /// </summary>
    public Uri? LinkFor(string watchlistId)
    {
        var baseUrl = !string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? options.Value.BaseUrl
            : !string.IsNullOrWhiteSpace(host.Value.PublicBaseUrl) ? $"{host.Value.PublicBaseUrl.TrimEnd('/')}/api/feeds"
            : null;
        return baseUrl is null ? null : new Uri($"{baseUrl.TrimEnd('/')}/{Uri.EscapeDataString(watchlistId)}{FileExtension}?token={TokenFor(watchlistId)}");
    }

    /// <summary>True when <paramref name="token"/> is the watchlist's token (compared in constant time).</summary>
    public bool IsValid(string watchlistId, string? token)
    {
        var expected = System.Text.Encoding.ASCII.GetBytes(TokenFor(watchlistId));
        var given = System.Text.Encoding.ASCII.GetBytes((token ?? "").Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
