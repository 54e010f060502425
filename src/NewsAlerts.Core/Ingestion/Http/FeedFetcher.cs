using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Configuration;
using Polly.Timeout;

namespace NewsAlerts.Core.Ingestion.Http;

/// <summary>
/// Reads local feed files directly and http(s) feeds through <see cref="FeedHttpClients"/>: conditional GET with the
/// stored validators, a per-request timeout, and a size cap enforced while the body streams in.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory httpClients, IOptions<FeedFetchOptions> options) : IFeedFetcher, IArticlePageFetcher
{
    private const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private readonly FeedFetchOptions _options = options.Value;

    public async Task<FeedFetchResult> FetchAsync(SourceConfig source, FeedState? previous, CancellationToken cancellationToken)
    {
        if (source.Location.IsFile)
        {
            return await ReadFileAsync(source.Location, previous, cancellationToken);
        }

        return await GetAsync(source, source.Location, request =>
        {
            request.Headers.Accept.ParseAdd(Accept);
            AddValidators(request, previous);
        }, cancellationToken);
    }

    /// <summary>Fetches any page under a source's HTTP rules (used for full-text extraction); throws <see cref="FeedFetchException"/>.</summary>
    public async Task<FeedFetchResult> FetchPageAsync(SourceConfig source, Uri page, CancellationToken cancellationToken) =>
        await GetAsync(source, page, request => request.Headers.Accept.ParseAdd("text/html, application/xhtml+xml;q=0.9, */*;q=0.5"), cancellationToken);

    private async Task<FeedFetchResult> GetAsync(SourceConfig source, Uri url, Action<HttpRequestMessage> prepare, CancellationToken cancellationToken)
    {
        var timeout = source.Timeout ?? _options.DefaultTimeout;
        var attempts = new AttemptCounter();
        var client = httpClients.CreateClient(source.AllowPrivateNetwork ? FeedHttpClients.AllowPrivate : FeedHttpClients.PublicOnly);
        try
        {
            using var response = await SendFollowingRedirectsAsync(client, url, prepare, timeout, attempts, cancellationToken);
            var location = response.RequestMessage?.RequestUri ?? url;
            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedFetchResult(true, [], null, etag, lastModified, location) { Attempts = attempts.Attempts };
            }

            CheckStatus(response, url, attempts);
            using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bodyTimeout.CancelAfter(timeout);
            var body = await ReadCappedAsync(response.Content, url, bodyTimeout.Token);
            return new FeedFetchResult(false, body, response.Content.Headers.ContentType?.ToString(), etag, lastModified, location) { Attempts = attempts.Attempts };
        }
        catch (TimeoutRejectedException ex)
        {
            throw new FeedFetchException($"{url}: no response within {timeout.TotalSeconds:0.###} s{Tries(attempts)}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"{url}: body not received within {timeout.TotalSeconds:0.###} s{Tries(attempts)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FeedFetchException($"{url}: {ex.InnerException?.Message ?? ex.Message}{Tries(attempts)}", ex);
        }
    }

    /// <summary>
    /// Sends a GET and follows up to <see cref="FeedFetchOptions.MaxRedirects"/> redirects itself, each only to an http or
    /// https URL. (The handler's own redirects are off: .NET follows one to <c>file:</c> and then fails with an
    /// exception no caller expects.) Every hop goes through the same client, so the SSRF guard checks every address.
    /// </summary>
    private static async Task<HttpResponseMessage> SendFollowingRedirectsAsync(
        HttpClient client, Uri url, Action<HttpRequestMessage> prepare, TimeSpan timeout, AttemptCounter attempts, CancellationToken cancellationToken)
    {
        var target = url;
        for (var redirects = 0; ; redirects++)
        {
            if (!IsWeb(target))
            {
                throw new FeedFetchException(target == url
                    ? $"{url}: not fetched: only http and https links are followed"
                    : $"{url}: redirect to {target} refused: only http and https are followed");
            }

            var request = new HttpRequestMessage(HttpMethod.Get, target);
            prepare(request);
            request.Options.Set(FeedHttpClients.TimeoutKey, timeout);
            request.Options.Set(FeedHttpClients.AttemptsKey, attempts);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            request.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(target, location);
            if (redirects == FeedFetchOptions.MaxRedirects)
            {
                throw new FeedFetchException($"{url}: stopped after {FeedFetchOptions.MaxRedirects} redirects (HTTP {status} to {next})");
            }

            target = next;
        }
    }

    private static bool IsWeb(Uri url) => url.IsAbsoluteUri && url.Scheme is "http" or "https";

    private static void AddValidators(HttpRequestMessage request, FeedState? previous)
    {
        if (previous?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var parsed))
        {
            request.Headers.IfNoneMatch.Add(parsed);
        }

        if (previous?.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }
    }

    /// <summary>" (3 attempts)" when the request was retried: one line says how hard it was tried.</summary>
    private static string Tries(AttemptCounter attempts) => attempts.Attempts > 1 ? $" ({attempts.Attempts} attempts)" : "";

    private static void CheckStatus(HttpResponseMessage response, Uri url, AttemptCounter attempts)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            throw new FeedFetchException($"{url}: HTTP {status} {response.ReasonPhrase} without a redirect to follow");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new FeedFetchException($"{url}: HTTP {status} {response.ReasonPhrase}{Tries(attempts)}");
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ReadCappedAsync(stream, content.Headers.ContentLength, url, cancellationToken);
    }

    private async Task<byte[]> ReadCappedAsync(Stream stream, long? declaredLength, Uri url, CancellationToken cancellationToken)
    {
        var cap = _options.MaxResponseBytes;
        if (declaredLength > cap)
        {
            throw TooLarge(url, cap);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > cap)
                {
                    throw TooLarge(url, cap);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static FeedFetchException TooLarge(Uri url, int cap) =>
        new($"{url}: response larger than the {cap:N0}-byte cap; not read further");

    /// <summary>
    /// Reads a feed file: only a regular file (a FIFO would wait for a writer forever, a device never ends), and never
    /// more than the size cap, counted while reading (a file may grow after it was measured). A file whose size and
    /// modification time are those of the last read is "not modified", like a 304, and neither read nor parsed: the pair
    /// is kept as the source's ETag (<c>file:SIZE:TICKS</c>), taken before reading, so a change while reading is read next time.
    /// </summary>
    private async Task<FeedFetchResult> ReadFileAsync(Uri location, FeedState? previous, CancellationToken cancellationToken)
    {
        var path = location.LocalPath;
        var kind = FeedFiles.KindOf(path);
        if (kind != FileKind.Regular)
        {
            throw new FeedFetchException(kind == FileKind.Missing ? $"{path}: the file does not exist" : $"{path} is {FeedFiles.Describe(kind)}, not a regular file; not read");
        }

        try
        {
            var info = new FileInfo(path);
            var validator = string.Create(CultureInfo.InvariantCulture, $"file:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
            if (validator == previous?.ETag)
            {
                return new FeedFetchResult(true, [], null, validator, null, location);
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
            var body = await ReadCappedAsync(stream, info.Length, location, cancellationToken);
            return new FeedFetchResult(false, body, null, validator, null, location);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FeedFetchException($"{path}: {ex.Message}", ex);
        }
    }
}
