using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.Core.Ingestion.Dedup;

/// <summary>What de-duplication made of one article.</summary>
/// <param name="Article">The article with its <see cref="Article.ClusterId"/> set.</param>
/// <param name="DuplicateReason">Why it is an exact duplicate to drop (<c>same id</c>, <c>same URL</c>, <c>same content</c>), or null when new.</param>
/// <param name="Fingerprint">What to remember once the article is stored (<see cref="Deduplicator.RememberAsync"/>); null for a duplicate.</param>
public sealed record DedupDecision(Article Article, string? DuplicateReason, ArticleFingerprint? Fingerprint = null)
{
    public bool IsDuplicate => DuplicateReason is not null;
}

/// <summary>
/// Drops exact duplicates (same article id, canonical URL or normalised content) across polls and sources, and puts
/// near-duplicates (SimHash within <see cref="NearDuplicateIndex.MaxDistance"/> bits) into the cluster of the story they
/// copy. The window lives in <see cref="IDeduplicationStore"/>; the in-memory index is rebuilt from it on first use and
/// once a day, when fingerprints older than <see cref="DeduplicationOptions.Retention"/> are purged.
/// </summary>
/// <remarks>
/// An article counts as seen for good only once it is stored: <see cref="ClassifyAsync"/> remembers it in memory (so
/// later items of the same feed see it), the caller stores the article, then <see cref="RememberAsync"/> writes the
/// fingerprint. A caller that fails in between calls <see cref="Forget"/>, so the next poll does not take the
/// unstored article for a duplicate and lose it.
/// </remarks>
public sealed class Deduplicator(IDeduplicationStore store, IOptions<DeduplicationOptions> options, TimeProvider time)
{
    /// <summary>Texts shorter than this many words get no content hash or SimHash: too little to compare safely.</summary>
    public const int MinWords = 8;

    private static readonly TimeSpan RebuildEvery = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private Window? _window;

    /// <summary>Classifies the article and, when it is not an exact duplicate, remembers it (for callers that store nothing in between).</summary>
    public async Task<DedupDecision> ProcessAsync(Article article, CancellationToken cancellationToken)
    {
        var decision = await ClassifyAsync(article, cancellationToken);
        if (decision.Fingerprint is not null)
        {
            await RememberAsync(decision.Fingerprint, cancellationToken);
        }

        return decision;
    }

    /// <summary>Decides whether the article is an exact duplicate and which cluster it joins; remembers it in memory only.</summary>
    public async Task<DedupDecision> ClassifyAsync(Article article, CancellationToken cancellationToken)
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
            window.Add(fingerprint);
            return new DedupDecision(article with { ClusterId = cluster }, null, fingerprint);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Writes the fingerprint of a stored article to the window's store, where every later window will find it.</summary>
    public async Task RememberAsync(ArticleFingerprint fingerprint, CancellationToken cancellationToken)
    {
        await store.AddAsync(fingerprint, cancellationToken);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_window is not null && !_window.Contains(fingerprint.ArticleId))
            {
                _window.Add(fingerprint); // the window was rebuilt (by Forget) after this article was classified
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Drops the in-memory window, whose classified but unstored articles must not count as seen; it is rebuilt from the store.</summary>
    public void Forget()
    {
        _lock.Wait();
        try
        {
            _window = null;
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
            window.Add(fingerprint);
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

        public bool Contains(string articleId) => _ids.ContainsKey(articleId);

        /// <summary>Remembers the fingerprint; one without a content hash (too short to compare) joins no content or SimHash lookup.</summary>
        public void Add(ArticleFingerprint fingerprint)
        {
            var comparable = fingerprint.ContentHash.Length > 0;
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
