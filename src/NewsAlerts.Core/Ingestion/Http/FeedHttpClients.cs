using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace NewsAlerts.Core.Ingestion.Http;

/// <summary>
/// The two named HttpClients feeds are read with: one that refuses non-public addresses (the default) and one for
/// sources with <c>allowPrivateNetwork</c>. They are separate so a pooled connection to a private host can never
/// serve a source that is not allowed to reach it.
/// </summary>
public static class FeedHttpClients
{
    public const string PublicOnly = "feeds";
    public const string AllowPrivate = "feeds-private";

    /// <summary>Sent with every feed and article request.</summary>
    public static readonly ProductInfoHeaderValue UserAgent = new("NewsAlerts", "0.1");

    /// <summary>Registers both clients, <see cref="IFeedFetcher"/>, <see cref="IArticlePageFetcher"/> and <see cref="FullText.FullTextExtractor"/>; bind <see cref="FeedFetchOptions"/> beside it to change the defaults.</summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services)
    {
        services.AddOptions<FeedFetchOptions>();
        Add(services, PublicOnly, allowPrivateNetwork: false);
        Add(services, AllowPrivate, allowPrivateNetwork: true);
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<IFeedFetcher>(sp => sp.GetRequiredService<FeedFetcher>());
        services.AddSingleton<IArticlePageFetcher>(sp => sp.GetRequiredService<FeedFetcher>());
        services.AddSingleton<FullText.FullTextExtractor>();
        return services;
    }

    private static void Add(IServiceCollection services, string name, bool allowPrivateNetwork)
    {
        services.AddHttpClient(name, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline and the fetcher time requests
                client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("(+feed reader; https://github.com/newsalerts)"));
            })
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(allowPrivateNetwork))
            .AddResilienceHandler("feed", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<FeedFetchOptions>>().Value;
                var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                pipeline.AddRetry(RetryOptions(options, time));
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions
                {
                    TimeoutGenerator = args => ValueTask.FromResult(RequestTimeout(args.Context, options)),
                });
            });
    }

    /// <summary>Per-source timeout travels on the request, so one client serves sources with different timeouts.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutKey = new("NewsAlerts.Timeout");

    /// <summary>Counts the attempts of one request (retries included), so a failure is reported once with its count.</summary>
    public static readonly HttpRequestOptionsKey<AttemptCounter> AttemptsKey = new("NewsAlerts.Attempts");

    private static TimeSpan RequestTimeout(ResilienceContext context, FeedFetchOptions options) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(TimeoutKey, out var timeout) ? timeout : options.DefaultTimeout;

    private static HttpRetryStrategyOptions RetryOptions(FeedFetchOptions options, TimeProvider time) => new()
    {
        MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
        ShouldHandle = args => ValueTask.FromResult(
            options.MaxRetries > 0 && HttpClientResiliencePredicates.IsTransient(args.Outcome) && !IsRefusal(args.Outcome.Exception)),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryDelay,
        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryAfter, time)),
        OnRetry = args =>
        {
            if (args.Context.GetRequestMessage()?.Options.TryGetValue(AttemptsKey, out var counter) == true)
            {
                counter.Retried();
            }

            return ValueTask.CompletedTask;
        },
    };

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped; null lets the backoff decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, cap.Ticks)) : null;
    }

    private static bool IsRefusal(Exception? exception) => exception?.InnerException is PrivateAddressRefusedException;

    /// <summary>
    /// Decompresses gzip, deflate and brotli, and connects only to addresses the SSRF
    /// rule allows (see <see cref="SsrfGuard"/>).
    /// </summary>
    internal static SocketsHttpHandler CreateHandler(bool allowPrivateNetwork)
    {
        var handler = SsrfGuard.CreateHandler(allowPrivateNetwork, "source");
        handler.AutomaticDecompression = DecompressionMethods.All;
        return handler;
    }
}

/// <summary>How many times one request was sent; shared by the clones a retry makes of the request.</summary>
public sealed class AttemptCounter
{
    private int _attempts = 1;

    public int Attempts => Volatile.Read(ref _attempts);

    internal void Retried() => Interlocked.Increment(ref _attempts);
}
