using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Http;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Ingestion.Http;

/// <summary>The feed fetcher against a real Kestrel server on 127.0.0.1 (sources allow the private network unless a test says otherwise).</summary>
public sealed class FeedFetcherTests : IDisposable
{
    private const string Feed = """<rss version="2.0"><channel><title>T</title><item><title>One</title></item></channel></rss>""";
    private static readonly DateTimeOffset Modified = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly FeedHttp _http = new();
    private readonly ConcurrentQueue<(string Path, DateTimeOffset At)> _requests = new();

    public void Dispose() => _http.Dispose();

    private Task<LocalHttpServer> ServeAsync(Action<WebApplication> map) => LocalHttpServer.StartAsync(app =>
    {
        app.Use((context, next) =>
        {
            _requests.Enqueue((context.Request.Path, TimeProvider.System.GetUtcNow()));
            return next(context);
        });
        map(app);
    });

    private static string Text(FeedFetchResult result) => Encoding.UTF8.GetString(result.Body);

    [Fact]
    public async Task FileUnchanged_SameSizeAndTime_IsNotModified_ChangedIsReadAgain()
    {
        using var folder = new TempFolder();
        var path = folder.File("feed.xml");
        await File.WriteAllTextAsync(path, Feed);
        var source = FeedHttp.Source(new Uri(path));

        var first = await _http.Fetcher.FetchAsync(source, null, CancellationToken.None);
        var state = new FeedState("s", first.ETag, null, null);
        var unchanged = await _http.Fetcher.FetchAsync(source, state, CancellationToken.None);
        var writtenAt = File.GetLastWriteTimeUtc(path);
        await File.WriteAllTextAsync(path, Feed.Replace("One", "Two", StringComparison.Ordinal)); // the same size
        File.SetLastWriteTimeUtc(path, writtenAt.AddSeconds(1)); // a clock coarser than two writes apart would not tell
        var changed = await _http.Fetcher.FetchAsync(source, state, CancellationToken.None);

        Assert.Equal((false, Feed), (first.NotModified, Text(first)));
        Assert.Equal((true, 0), (unchanged.NotModified, unchanged.Body.Length));
        Assert.False(changed.NotModified);
        Assert.Contains("Two", Text(changed), StringComparison.Ordinal);
        Assert.NotEqual(first.ETag, changed.ETag);
    }

    [Fact]
    public async Task ETag_IsSentBack_And304_ReturnsNotModifiedWithoutABody()
    {
        await using var server = await ServeAsync(app => app.MapGet("/feed", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"v1\"";
            return context.Request.Headers.IfNoneMatch == "\"v1\"" ? Results.StatusCode(304) : Results.Text(Feed, "application/rss+xml");
        }));
        var source = FeedHttp.Source(server.Url("feed"));

        var first = await _http.Fetcher.FetchAsync(source, null, CancellationToken.None);
        var second = await _http.Fetcher.FetchAsync(source, new FeedState("s", first.ETag, first.LastModified, null), CancellationToken.None);

        Assert.Equal(("\"v1\"", false, Feed), (first.ETag, first.NotModified, Text(first)));
        Assert.True(second.NotModified);
        Assert.Empty(second.Body);
    }

    [Fact]
    public async Task LastModified_IsSentBackAsIfModifiedSince_And304_ReturnsNotModified()
    {
        await using var server = await ServeAsync(app => app.MapGet("/feed", (HttpContext context) =>
        {
            context.Response.Headers.LastModified = Modified.ToString("R");
            return context.Request.GetTypedHeaders().IfModifiedSince >= Modified ? Results.StatusCode(304) : Results.Text(Feed);
        }));
        var source = FeedHttp.Source(server.Url("feed"));

        var first = await _http.Fetcher.FetchAsync(source, null, CancellationToken.None);
        var second = await _http.Fetcher.FetchAsync(source, new FeedState("s", null, first.LastModified, null), CancellationToken.None);

        Assert.Equal(Modified, first.LastModified);
        Assert.False(first.NotModified);
        Assert.True(second.NotModified);
    }

    [Fact]
    public async Task Redirects_AreFollowed_AndTheFinalLocationReported()
    {
        await using var server = await ServeAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/moved", permanent: true));
            app.MapGet("/moved", () => Results.Redirect("/feed"));
            app.MapGet("/feed", () => Results.Text(Feed));
        });

        var result = await _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("old")), null, CancellationToken.None);

        Assert.Equal(Feed, Text(result));
        Assert.Equal(server.Url("feed"), result.Location);
    }

    [Fact]
    public async Task RedirectLoop_FailsAfterFiveRedirects()
    {
        await using var server = await ServeAsync(app => app.MapGet("/loop", () => Results.Redirect("/loop")));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("loop")), null, CancellationToken.None));

        Assert.Contains("5 redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, _requests.Count);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task CompressedBodies_AreDecompressed(string encoding)
    {
        var compressed = Compress(Encoding.UTF8.GetBytes(Feed), encoding);
        await using var server = await ServeAsync(app => app.MapGet("/feed", async (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = encoding;
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(compressed);
        }));

        var result = await _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("feed")), null, CancellationToken.None);

        Assert.Equal(Feed, Text(result));
    }

    private static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest),
            "br" => new BrotliStream(output, CompressionLevel.Fastest),
            _ => new ZLibStream(output, CompressionLevel.Fastest),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task ResponseSlowerThanTheSourceTimeout_FailsWithTheTimeout()
    {
        using var http = new FeedHttp(o => o.MaxRetries = 0);
        await using var server = await ServeAsync(app => app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), aborted);
            return Results.Text(Feed);
        }));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() =>
            http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("slow"), timeout: TimeSpan.FromMilliseconds(300)), null, CancellationToken.None));

        Assert.Contains("no response within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverTheCap_IsRefused_WithOrWithoutContentLength(bool sendLength)
    {
        using var http = new FeedHttp(o => o.MaxResponseBytes = 10_000);
        var big = new byte[50_000];
        await using var server = await ServeAsync(app => app.MapGet("/big", async (HttpContext context) =>
        {
            if (sendLength)
            {
                context.Response.ContentLength = big.Length;
            }

            for (var offset = 0; offset < big.Length; offset += 1000)
            {
                await context.Response.Body.WriteAsync(big.AsMemory(offset, 1000));
                await context.Response.Body.FlushAsync();
            }
        }));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("big")), null, CancellationToken.None));

        Assert.Contains("larger than the 10,000-byte cap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status500_IsRetried_ThenReportedWithTheStatus()
    {
        await using var server = await ServeAsync(app => app.MapGet("/broken", () => Results.StatusCode(500)));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("broken")), null, CancellationToken.None));

        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _requests.Count); // the first attempt and two retries
    }

    [Fact]
    public async Task Status500_ThenSuccess_ReturnsTheFeed()
    {
        var calls = 0;
        await using var server = await ServeAsync(app => app.MapGet("/flaky", () => Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(500) : Results.Text(Feed)));

        var result = await _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("flaky")), null, CancellationToken.None);

        Assert.Equal(Feed, Text(result));
    }

    [Fact]
    public async Task Status429_WithRetryAfter_IsRetriedNoSoonerThanTheServerAsked()
    {
        var calls = 0;
        await using var server = await ServeAsync(app => app.MapGet("/busy", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }

            return Results.Text(Feed);
        }));

        var result = await _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("busy")), null, CancellationToken.None);

        Assert.Equal(Feed, Text(result));
        var times = _requests.Select(r => r.At).ToArray();
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(950), $"retried after {(times[1] - times[0]).TotalMilliseconds} ms, Retry-After said 1 s (backoff alone is 10 ms)");
    }

    [Fact]
    public async Task RefusedConnection_IsReportedAsAFetchFailure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<FeedFetchException>(() =>
            _http.Fetcher.FetchAsync(FeedHttp.Source(new Uri($"http://127.0.0.1:{port}/feed")), null, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task PrivateAddress_IsRefusedUnlessTheSourceAllowsIt_AndNoRequestIsMade(string host)
    {
        await using var server = await ServeAsync(app => app.MapGet("/feed", () => Results.Text(Feed)));
        var url = new UriBuilder(server.Url("feed")) { Host = host }.Uri;

        var error = await Assert.ThrowsAsync<FeedFetchException>(() =>
            _http.Fetcher.FetchAsync(FeedHttp.Source(url, allowPrivateNetwork: false), null, CancellationToken.None));

        Assert.Contains("not a public address; set allowPrivateNetwork", error.Message, StringComparison.Ordinal);
        Assert.Empty(_requests);
        Assert.Equal(Feed, Text(await _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("feed"), allowPrivateNetwork: true), null, CancellationToken.None)));
    }

    [Fact]
    public async Task UserAgent_NamesNewsAlerts()
    {
        await using var server = await ServeAsync(app => app.MapGet("/ua", (HttpContext context) => Results.Text(context.Request.Headers.UserAgent.ToString())));

        var result = await _http.Fetcher.FetchAsync(FeedHttp.Source(server.Url("ua")), null, CancellationToken.None);

        Assert.StartsWith("NewsAlerts/", Text(result), StringComparison.Ordinal);
    }
}
