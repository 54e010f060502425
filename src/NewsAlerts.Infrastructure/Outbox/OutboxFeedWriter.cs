using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Infrastructure.Outbox;

/// <summary>
/// Writes each watchlist's Atom feed to <c>&lt;outbox&gt;/feeds/&lt;watchlist id&gt;.atom</c> after a run: whole or not
/// at all (a temporary file renamed over the old one), and only when it changed, so a feed reader watching the file
/// sees a new version only when there is something new. A watchlist's file comes with its first match, or when
/// <c>watchlists feed-url</c> hands out its address: with thousands of watchlists, most without a match yet, creating
/// an empty file for each cost more than the rest of a run's writes.
/// </summary>
public sealed class OutboxFeedWriter(WatchlistFeeds feeds, IConfigProvider configProvider, IOptions<NewsAlertsOptions> options)
{
    public const string FolderName = "feeds";

    public string Folder { get; } = Path.Combine(options.Value.OutboxPath, FolderName);

    /// <summary>Writes the feed of every watchlist that has a file or a match; returns the paths of the files that changed.</summary>
    public async Task<IReadOnlyList<string>> WriteAllAsync(CancellationToken cancellationToken)
    {
        if (!feeds.Options.Enabled)
        {
            return [];
        }

        var config = await configProvider.GetAsync(cancellationToken);
        var written = new List<string>();
        foreach (var watchlist in config.Watchlists)
        {
            var path = PathOf(watchlist.Id);
            var exists = File.Exists(path);
            if (await feeds.RenderAsync(config, watchlist, null, emptyToo: exists, cancellationToken) is { } document
                && await ReplaceIfChangedAsync(path, exists, document, cancellationToken))
            {
                written.Add(path);
            }
        }

        return written;
    }

    /// <summary>Writes the feed file of each of these watchlists that has none yet, empty or not, so its address works now.</summary>
    public async Task EnsureWrittenAsync(IEnumerable<WatchlistConfig> watchlists, CancellationToken cancellationToken)
    {
        var config = await configProvider.GetAsync(cancellationToken);
        foreach (var watchlist in watchlists.Where(w => !File.Exists(PathOf(w.Id))))
        {
            var document = await feeds.RenderAsync(config, watchlist, null, emptyToo: true, cancellationToken);
            await ReplaceIfChangedAsync(PathOf(watchlist.Id), exists: false, document!, cancellationToken);
        }
    }

    private async Task<bool> ReplaceIfChangedAsync(string path, bool exists, byte[] document, CancellationToken cancellationToken)
    {
        if (exists && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(document))
        {
            return false;
        }

        Directory.CreateDirectory(Folder);
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, document, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    /// <summary>The file of a watchlist's feed; the id is checked to be a plain file name (no folders, no "..").</summary>
    public string PathOf(string watchlistId)
    {
        var name = watchlistId + WatchlistFeeds.FileExtension;
        return Path.GetFileName(name) == name && !watchlistId.StartsWith('.')
            ? Path.Combine(Folder, name)
            : throw new ArgumentException($"watchlist id '{watchlistId}' cannot be a file name", nameof(watchlistId));
    }
}
