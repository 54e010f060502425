using Microsoft.Extensions.Options;
using NewsAlerts.Core;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Feeds;

namespace NewsAlerts.Infrastructure.Outbox;

/// <summary>
/// Writes each watchlist's Atom feed to <c>&lt;outbox&gt;/feeds/&lt;watchlist id&gt;.atom</c> after a run: whole or not
/// at all (a temporary file renamed over the old one), and only when it changed, so a feed reader watching the file
/// sees a new version only when there is something new.
/// </summary>
public sealed class OutboxFeedWriter(WatchlistFeeds feeds, IConfigProvider configProvider, IOptions<NewsAlertsOptions> options)
{
    public const string FolderName = "feeds";

    public string Folder { get; } = Path.Combine(options.Value.OutboxPath, FolderName);

    /// <summary>Writes every watchlist's feed; returns the paths of the files that changed.</summary>
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
            var document = await feeds.RenderAsync(watchlist.Id, null, cancellationToken) ?? [];
            if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(document))
            {
                continue;
            }

            Directory.CreateDirectory(Folder);
            var temporary = path + ".partial";
            await File.WriteAllBytesAsync(temporary, document, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }

        return written;
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
