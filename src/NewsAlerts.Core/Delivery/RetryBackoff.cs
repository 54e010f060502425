using System.Net.Http.Headers;

namespace NewsAlerts.Core.Delivery;

/// <summary>
/// Waits between delivery attempts: <see cref="DeliveryOptions.RetryBaseDelay"/> doubled per retry with up to 20%
/// jitter (so that many digests do not retry in step), or the provider's Retry-After, never above
/// <see cref="DeliveryOptions.RetryMaxDelay"/>. Waits on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RetryBackoff(DeliveryOptions options, TimeProvider time)
{
    public int MaxAttempts => options.MaxAttempts;

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter = null)
    {
        var wanted = retryAfter ?? options.RetryBaseDelay * Math.Pow(2, attempt - 1) * (1 + (Random.Shared.NextDouble() * 0.2));
        return wanted > options.RetryMaxDelay ? options.RetryMaxDelay : wanted;
    }

    public Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var delay = DelayAfter(attempt, retryAfter);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>How long a provider asked to wait (<c>Retry-After</c> in seconds or as a date); null when it did not say.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        var header = headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
    }

    /// <summary>429 and 5xx are worth another try; any other refusal would be refused again.</summary>
    public static bool IsRetryable(int status) => status == 429 || status >= 500;

    /// <summary>A provider's error body, cut to a length that fits in one warning line.</summary>
    public static string TrimBody(string body) => body.Length <= 300 ? body : body[..300] + "...";
}
