using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Infrastructure.Tests.Email;

/// <summary>
/// SendGrid's <c>POST /v3/mail/send</c> on a local Kestrel server: records each request and answers from a script of
/// status codes (the last one repeats).
/// </summary>
internal sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private LocalHttpServer? _server;
    private int _calls;
    private int _arrivals;

    public FakeSendGrid(int[] statuses) => Statuses = statuses;

    public int[] Statuses { get; }

    /// <summary>Sent with a 429, when set.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Each answer waits this long first.</summary>
    public TimeSpan Delay { get; init; }

    public Uri BaseAddress => _server!.BaseAddress;

    public IReadOnlyList<Request> Requests => _requests.ToList();

    public static async Task<FakeSendGrid> StartAsync(params int[] statuses) => await StartAsync(new FakeSendGrid(statuses));

    public static async Task<FakeSendGrid> StartAsync(FakeSendGrid fake)
    {
        fake._server = await LocalHttpServer.StartAsync(app => app.MapPost("/v3/mail/send", fake.HandleAsync));
        return fake;
    }

    /// <summary>Requests that reached the handler, counted before their body is read.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _arrivals);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new Request(JsonNode.Parse(body)!, request.Headers.Authorization.ToString(), _clock.Elapsed));
        var index = Interlocked.Increment(ref _calls) - 1;
        var status = Statuses[Math.Min(index, Statuses.Length - 1)];
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (status == StatusCodes.Status429TooManyRequests && RetryAfter is not null)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfter;
        }

        if (status == StatusCodes.Status202Accepted)
        {
            request.HttpContext.Response.Headers["X-Message-Id"] = $"msg-{index}";
            return Results.StatusCode(status);
        }

        return Results.Json(new { errors = new[] { new { message = $"status {status}", field = "personalizations.0.to.0.email" } } }, statusCode: status);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    public sealed record Request(JsonNode Body, string Authorization, TimeSpan At);
}
