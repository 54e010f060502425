using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.Core.Ingestion.Dedup;

/// <summary>What de-duplication made of one article.</summary>
/// <param name="Article">The article with its <see cref="Article.ClusterId"/> set.</param>
/// <param name="DuplicateReason">Why it is an exact duplicate to drop (<c>same id</c>, <c>same URL</c>, <c>same content</c>), or null when new.</param>
public sealed record DedupDecision(Article Article, string? DuplicateReason)
{
    public bool IsDuplicate => DuplicateReason is not null;
}

/// <summary>
/// Drops exact duplicates (same article id, canonical URL or normalised content) across polls and sources, and puts
/// near-duplicates (SimHash within <see cref="NearDuplicateIndex.MaxDistance"/> bits) into the cluster of the story they
/// copy. The window lives in <see cref="IDeduplicationStore"/>; the in-memory index is rebuilt from it on first use and
/// once a day, when fingerprints older than <see cref="DeduplicationOptions.Retention"/> are purged.
/// </summary>
public sealed class Deduplicator(IDeduplicationStore store, IOptions<DeduplicationOptions> options, TimeProvider time)
{
    /// <summary>Texts shorter than this many words get no content hash or SimHash: too little to compare safely.</summary>
    public const int MinWords = 8;

    private static readonly TimeSpan RebuildEvery = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private Window? _window;

    /// <summary>Classifies the article and, when it is not an exact duplicate, remembers it.</summary>
    public async Task<DedupDecision> ProcessAsync(Article article, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var window = await CurrentWindowAsync(cancellationToken);
            var url = CanonicalUrl.From(article.Link);
            var text = $"{article.Title}\n{article.Body}";
            var comparable = CountWords(text) >= MinWords;
            var hash = comparable ? ContentHash(text) : "";
            var duplicate = window.ExactDuplicate(article.Id, url, hash);
            if (duplicate is not null)
            {
                return new DedupDecision(article with { ClusterId = duplicate.Value.ClusterId }, duplicate.Value.Reason);
            }

            var simHash = comparable ? SimHash.Compute(text) : 0;
            var cluster = (comparable ? window.Index.FindCluster(simHash) : null) ?? article.Id;
            var fingerprint = new ArticleFingerprint(article.Id, url, hash, simHash, cluster, time.GetUtcNow());
            window.Add(fingerprint, comparable);
            await store.AddAsync(fingerprint, cancellationToken);
            return new DedupDecision(article with { ClusterId = cluster }, null);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Window> CurrentWindowAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_window is not null && now - _window.BuiltAt < RebuildEvery)
        {
            return _window;
        }

        var since = now - options.Value.Retention;
        await store.PurgeBeforeAsync(since, cancellationToken);
        var window = new Window(now);
        await foreach (var fingerprint in store.LoadSinceAsync(since, cancellationToken))
        {
            window.Add(fingerprint, fingerprint.ContentHash.Length > 0);
        }

        return _window = window;
    }

    /// <summary>Hash of the text lower-cased with whitespace collapsed, so re-wrapped copies match.</summary>
    internal static string ContentHash(string text)
    {
        var normal = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)).AsSpan(0, 16));
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The fingerprints of the retention window, looked up by id, URL, content hash and SimHash.</summary>
    private sealed class Window(DateTimeOffset builtAt)
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);

        public DateTimeOffset BuiltAt { get; } = builtAt;

        public NearDuplicateIndex Index { get; } = new();

        public (string Reason, string ClusterId)? ExactDuplicate(string id, string url, string hash) =>
            _ids.TryGetValue(id, out var byId) ? ("same id", byId)
            : url.Length > 0 && _urls.TryGetValue(url, out var byUrl) ? ("same URL", byUrl)
            : hash.Length > 0 && _hashes.TryGetValue(hash, out var byHash) ? ("same content", byHash)
            : null;

        public void Add(ArticleFingerprint fingerprint, bool comparable)
        {
            _ids[fingerprint.ArticleId] = fingerprint.ClusterId;
            if (fingerprint.CanonicalUrl.Length > 0)
            {
                _urls.TryAdd(fingerprint.CanonicalUrl, fingerprint.ClusterId);
            }

            if (comparable)
            {
                _hashes.TryAdd(fingerprint.ContentHash, fingerprint.ClusterId);
                Index.Add(fingerprint.SimHash, fingerprint.ClusterId);
            }
        }
    }
}
