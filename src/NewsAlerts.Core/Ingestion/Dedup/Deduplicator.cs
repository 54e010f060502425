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

/// <summary>The decisions for one poll's articles, in order, and the window position they were made at.</summary>
public sealed record DedupBatch(IReadOnlyList<DedupDecision> Decisions, long Position)
{
    /// <summary>The articles that are not exact duplicates: the ones to store.</summary>
    public IReadOnlyList<DedupDecision> Fresh => [.. Decisions.Where(d => !d.IsDuplicate)];
}

/// <summary>
/// Drops exact duplicates (same article id, canonical URL or normalised content) across polls, sources and processes,
/// and puts near-duplicates (SimHash within <see cref="NearDuplicateIndex.MaxDistance"/> bits) into the cluster of the
/// story they copy. The window is the log in <see cref="IDeduplicationStore"/>, which every ingesting process shares;
/// the in-memory window is its cache: built from the log on first use and once a day (when fingerprints older than
/// <see cref="DeduplicationOptions.Retention"/> are purged), and brought up to date with what other processes appended
/// before each poll is classified.
/// </summary>
/// <remarks>
/// <para>
/// An article counts as seen for good only once it is stored: <see cref="ClassifyAsync"/> decides in memory (earlier
/// items of the same poll count), the caller stores the new articles, then <see cref="RememberAsync"/> appends their
/// fingerprints. A poll that fails in between appends nothing, so the next poll takes its articles as new again.
/// </para>
/// <para>
/// Two processes ingesting two copies of one story at the same moment (two Functions instances polling two outlets)
/// both classify before either appends. The log lets only one append at each position: the other finds the log moved,
/// reads what was appended, classifies its poll again and appends after it. So the second copy joins the first copy's
/// cluster (or, had it the same URL or content, the first copy's cluster too: it is stored already, so it is kept),
/// and <see cref="RememberAsync"/> returns the clusters as they ended up for the caller to correct what it stored.
/// </para>
/// </remarks>
public sealed class Deduplicator(IDeduplicationStore store, IOptions<DeduplicationOptions> options, TimeProvider time)
{
    /// <summary>Texts shorter than this many words get no content hash or SimHash: too little to compare safely.</summary>
    public const int MinWords = 8;

    /// <summary>Fingerprints per log entry: a poll with more is appended as several entries, each small enough for one Table transaction.</summary>
    public const int MaxFingerprintsPerEntry = 1000;

    /// <summary>Appends lost to other writers before giving up (the caller's retry then starts afresh).</summary>
    private const int MaxAppendAttempts = 50;

    private static readonly TimeSpan RebuildEvery = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private Window? _window;

    /// <summary>Classifies the article and, when it is not an exact duplicate, remembers it (for callers that store nothing in between).</summary>
    public async Task<DedupDecision> ProcessAsync(Article article, CancellationToken cancellationToken)
    {
        var batch = await ClassifyAsync([article], cancellationToken);
        return batch.Decisions[0].IsDuplicate ? batch.Decisions[0] : (await RememberAsync(batch, cancellationToken))[0];
    }

    /// <summary>
    /// Decides for each article whether it is an exact duplicate and which cluster it joins, against the shared window
    /// (read up to date first) and the earlier articles of the list. Remembers nothing: see <see cref="RememberAsync"/>.
    /// </summary>
    public async Task<DedupBatch> ClassifyAsync(IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var window = await CurrentWindowAsync(cancellationToken);
            var now = time.GetUtcNow();
            var probes = articles.Select(a => Probe.Of(a, now)).ToList();
            return new DedupBatch(Decide(window, articles, probes, keepDuplicates: false), window.Position);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Appends the fingerprints of the batch's new articles to the shared window, once the caller has stored them.
    /// Returns their decisions as they stand after the append, in order: when other processes appended first, a new
    /// article may have joined one of their clusters (see the remarks on <see cref="Deduplicator"/>).
    /// </summary>
    public async Task<IReadOnlyList<DedupDecision>> RememberAsync(DedupBatch batch, CancellationToken cancellationToken)
    {
        var fresh = batch.Fresh;
        if (fresh.Count == 0)
        {
            return [];
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            var articles = fresh.Select(d => d.Article).ToList();
            var probes = fresh.Select(d => Probe.Of(d.Fingerprint!)).ToList();
            var remembered = new List<DedupDecision>();
            var decidedAt = batch.Position;
            var decisions = fresh;
            for (var lost = 0; remembered.Count < fresh.Count;)
            {
                var window = await CurrentWindowAsync(cancellationToken);
                if (window.Position != decidedAt)
                {
                    // Others appended since these were classified: decide again against what they appended.
                    decisions = Decide(window, articles[remembered.Count..], probes[remembered.Count..], keepDuplicates: true);
                    decidedAt = window.Position;
                }

                var entry = decisions.Take(MaxFingerprintsPerEntry).ToList();
                var fingerprints = entry.Select(d => d.Fingerprint!).ToList();
                if (await store.TryAppendAsync(window.Position, fingerprints, cancellationToken))
                {
                    window.AddEntry(fingerprints);
                    remembered.AddRange(entry);
                    decisions = decisions.Skip(entry.Count).ToList();
                    decidedAt = window.Position;
                }
                else if (++lost == MaxAppendAttempts)
                {
                    _window = null; // read the whole window again on the next try, in case this one lost its place
                    throw new InvalidOperationException($"The de-duplication log kept moving: {MaxAppendAttempts} appends lost to other writers");
                }
            }

            return remembered;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// The decisions for the articles against the window and each other, in order. With <paramref name="keepDuplicates"/>
    /// (the articles are stored already) an exact duplicate is kept as new and joins its original's cluster.
    /// </summary>
    private static List<DedupDecision> Decide(Window window, IReadOnlyList<Article> articles, IReadOnlyList<Probe> probes, bool keepDuplicates)
    {
        var batch = new BatchWindow();
        var decisions = new List<DedupDecision>(articles.Count);
        for (var i = 0; i < articles.Count; i++)
        {
            var probe = probes[i];
            var duplicate = window.ExactDuplicate(probe) ?? batch.ExactDuplicate(probe);
            if (duplicate is { } exact && !keepDuplicates)
            {
                decisions.Add(new DedupDecision(articles[i] with { ClusterId = exact.ClusterId }, exact.Reason));
                continue;
            }

            var cluster = duplicate?.ClusterId ?? NearestCluster(window, batch, probe) ?? probe.ArticleId;
            var fingerprint = probe.Fingerprint(cluster);
            batch.Add(fingerprint);
            decisions.Add(new DedupDecision(articles[i] with { ClusterId = cluster }, null, fingerprint));
        }

        return decisions;
    }

    /// <summary>The cluster of the closest fingerprint within reach, in the window or earlier in the batch (the window wins a tie: it came first).</summary>
    private static string? NearestCluster(Window window, BatchWindow batch, Probe probe)
    {
        if (!probe.Comparable)
        {
            return null;
        }

        var inWindow = window.Index.FindClosest(probe.SimHash);
        var inBatch = batch.FindClosest(probe.SimHash);
        return (inWindow, inBatch) switch
        {
            ({ } w, { } b) => b.Distance < w.Distance ? b.ClusterId : w.ClusterId,
            ({ } w, null) => w.ClusterId,
            (null, { } b) => b.ClusterId,
            _ => null,
        };
    }

    /// <summary>The window, rebuilt from the store once a day and otherwise brought up to date with what others appended.</summary>
    private async Task<Window> CurrentWindowAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_window is { } window && now - window.BuiltAt < RebuildEvery)
        {
            var appended = await store.ReadAfterAsync(window.Position, cancellationToken);
            window.AddRead(appended);
            return window;
        }

        var since = now - options.Value.Retention;
        await store.PurgeBeforeAsync(since, cancellationToken);
        var loaded = await store.LoadSinceAsync(since, cancellationToken);
        var rebuilt = new Window(now);
        rebuilt.AddRead(loaded);
        return _window = rebuilt;
    }

    /// <summary>Hash of the text lower-cased with whitespace collapsed, so re-wrapped copies match.</summary>
    internal static string ContentHash(string text)
    {
        var normal = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)).AsSpan(0, 16));
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>What an article is looked up by; <see cref="Comparable"/> when its text is long enough for content and SimHash.</summary>
    private sealed record Probe(string ArticleId, string Url, string Hash, ulong SimHash, DateTimeOffset SeenAt)
    {
        public bool Comparable => Hash.Length > 0;

        public static Probe Of(Article article, DateTimeOffset now)
        {
            var text = $"{article.Title}\n{article.Body}";
            var comparable = CountWords(text) >= MinWords;
            return new Probe(article.Id, CanonicalUrl.From(article.Link), comparable ? ContentHash(text) : "", comparable ? Dedup.SimHash.Compute(text) : 0, now);
        }

        public static Probe Of(ArticleFingerprint fingerprint) =>
            new(fingerprint.ArticleId, fingerprint.CanonicalUrl, fingerprint.ContentHash, fingerprint.SimHash, fingerprint.SeenAt);

        public ArticleFingerprint Fingerprint(string clusterId) => new(ArticleId, Url, Hash, SimHash, clusterId, SeenAt);
    }

    /// <summary>Lookups by id, URL and content hash: the exact duplicates.</summary>
    private class ExactKeys
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);

        public (string Reason, string ClusterId)? ExactDuplicate(Probe probe) =>
            _ids.TryGetValue(probe.ArticleId, out var byId) ? ("same id", byId)
            : probe.Url.Length > 0 && _urls.TryGetValue(probe.Url, out var byUrl) ? ("same URL", byUrl)
            : probe.Hash.Length > 0 && _hashes.TryGetValue(probe.Hash, out var byHash) ? ("same content", byHash)
            : null;

        /// <summary>Remembers the fingerprint's keys; one without a content hash (too short to compare) has no content key.</summary>
        protected void AddKeys(ArticleFingerprint fingerprint)
        {
            _ids[fingerprint.ArticleId] = fingerprint.ClusterId;
            if (fingerprint.CanonicalUrl.Length > 0)
            {
                _urls.TryAdd(fingerprint.CanonicalUrl, fingerprint.ClusterId);
            }

            if (fingerprint.ContentHash.Length > 0)
            {
                _hashes.TryAdd(fingerprint.ContentHash, fingerprint.ClusterId);
            }
        }
    }

    /// <summary>The fingerprints of the retention window as of <see cref="Position"/> in the log.</summary>
    private sealed class Window(DateTimeOffset builtAt) : ExactKeys
    {
        public DateTimeOffset BuiltAt { get; } = builtAt;

        public long Position { get; private set; }

        public NearDuplicateIndex Index { get; } = new();

        /// <summary>Adds what was read from the log.</summary>
        public void AddRead(LogSlice slice)
        {
            foreach (var fingerprint in slice.Fingerprints)
            {
                Add(fingerprint);
            }

            Position = Math.Max(Position, slice.Position);
        }

        /// <summary>Adds the entry this process just appended at <see cref="Position"/> + 1.</summary>
        public void AddEntry(IReadOnlyList<ArticleFingerprint> fingerprints)
        {
            foreach (var fingerprint in fingerprints)
            {
                Add(fingerprint);
            }

            Position++;
        }

        private void Add(ArticleFingerprint fingerprint)
        {
            AddKeys(fingerprint);
            if (fingerprint.ContentHash.Length > 0)
            {
                Index.Add(fingerprint.SimHash, fingerprint.ClusterId);
            }
        }
    }

    /// <summary>The articles of one poll decided so far; few enough to compare SimHashes one by one.</summary>
    private sealed class BatchWindow : ExactKeys
    {
        private readonly List<ArticleFingerprint> _comparable = [];

        public void Add(ArticleFingerprint fingerprint)
        {
            AddKeys(fingerprint);
            if (fingerprint.ContentHash.Length > 0)
            {
                _comparable.Add(fingerprint);
            }
        }

        public NearMatch? FindClosest(ulong simHash)
        {
            NearMatch? best = null;
            foreach (var fingerprint in _comparable)
            {
                var distance = Dedup.SimHash.Distance(simHash, fingerprint.SimHash);
                if (distance <= NearDuplicateIndex.MaxDistance && distance < (best?.Distance ?? int.MaxValue))
                {
                    best = new NearMatch(fingerprint.ClusterId, distance);
                }
            }

            return best;
        }
    }
}
