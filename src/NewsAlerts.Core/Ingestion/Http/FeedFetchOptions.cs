using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Core.Ingestion.Http;

/// <summary>HTTP rules for reading feeds (section <c>NewsAlerts:Fetch</c>); the defaults suit public news feeds.</summary>
public sealed class FeedFetchOptions
{
    public const string SectionName = "NewsAlerts:Fetch";

    /// <summary>Redirects followed before a fetch fails; fixed, as the issue asks.</summary>
    public const int MaxRedirects = 5;

    /// <summary>Time allowed for one request (headers and body) when the source sets no <c>timeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body read, counted after decompression while streaming; 10 MB.</summary>
    [Range(1, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Retries after a 5xx, 408, 429, timeout or connection failure.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A server's <c>Retry-After</c> is honoured up to this long; longer waits are cut to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sources fetched at the same time in one run.</summary>
    [Range(1, 64)]
    public int MaxParallelSources { get; set; } = 4;

    /// <summary>Longest a whole source (all attempts, waits and parsing) may take before it is given up for this run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SourceBudget { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// For <c>fullText</c> sources: a new item whose plain-text body is shorter than this many characters gets its
    /// page fetched and its main text extracted.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int FullTextBelowChars { get; set; } = 500;

    /// <summary>Most article pages fetched for one source in one poll; further short items are stored with their summary.</summary>
    [Range(0, 1000)]
    public int MaxFullTextPagesPerPoll { get; set; } = 20;

    /// <summary>Article pages of one source fetched at the same time.</summary>
    [Range(1, 16)]
    public int MaxParallelPageFetches { get; set; } = 4;

    /// <summary>
    /// Longest the article pages of one source may take in one poll; pages not done by then keep their summary, so the
    /// new items are still stored well within <see cref="SourceBudget"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FullTextBudget { get; set; } = TimeSpan.FromMinutes(1);
}
