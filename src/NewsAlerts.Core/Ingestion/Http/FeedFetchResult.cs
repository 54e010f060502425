namespace NewsAlerts.Core.Ingestion.Http;

/// <summary>What one fetch of a source returned.</summary>
/// <param name="NotModified">True when the server answered 304 to the conditional GET: nothing to parse.</param>
/// <param name="Body">The document (decompressed); empty when not modified.</param>
/// <param name="ContentType">The <c>Content-Type</c> header, with any charset, for the parser's encoding detection.</param>
/// <param name="ETag">Validator to send back as <c>If-None-Match</c> next time.</param>
/// <param name="LastModified">Validator to send back as <c>If-Modified-Since</c> next time.</param>
/// <param name="Location">Where the document came from after redirects; relative links resolve against it.</param>
public sealed record FeedFetchResult(
    bool NotModified,
    byte[] Body,
    string? ContentType,
    string? ETag,
    DateTimeOffset? LastModified,
    Uri Location)
{
    /// <summary>How many times the request was sent (1 without retries).</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>A source could not be fetched; the message is one line naming the source's problem (status, timeout, cap...).</summary>
public sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);
