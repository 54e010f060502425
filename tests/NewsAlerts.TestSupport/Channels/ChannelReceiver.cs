using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NewsAlerts.TestSupport.Channels;

/// <summary>
/// Slack, Teams and webhook endpoints on one local Kestrel server: every POST to <c>/{name}</c> is recorded (headers
/// and the exact body bytes) and answered from that endpoint's script of status codes (the last one repeats; 200
/// when none is set). Stands in for Slack's incoming webhooks, a Teams Workflows webhook and a webhook receiver.
/// </summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    /// <summary>A scripted status that answers 200 only after <see cref="HangTime"/>: for client timeouts.</summary>
    public const int Hang = -1;

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly ConcurrentDictionary<string, int[]> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private LocalHttpServer? _server;

    public TimeSpan HangTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent with 429 and 503 answers, when set (seconds or an HTTP date).</summary>
    public string? RetryAfter { get; set; }

    public IReadOnlyList<Received> Requests => _requests.ToList();

    public static async Task<ChannelReceiver> StartAsync()
    {
        var receiver = new ChannelReceiver();
        receiver._server = await LocalHttpServer.StartAsync(app => app.MapPost("/{name}", receiver.HandleAsync));
        return receiver;
    }

    /// <summary>The URL of endpoint <paramref name="name"/>.</summary>
    public Uri Url(string name) => _server!.Url(name);

    /// <summary>Answers the next requests to <paramref name="name"/> with these statuses in turn, then the last one.</summary>
    public void Answer(string name, params int[] statuses) => _scripts[name] = statuses;

    public IReadOnlyList<Received> To(string name) => Requests.Where(r => r.Endpoint == name).ToList();

    private async Task<IResult> HandleAsync(string name, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new Received(name, headers, buffer.ToArray(), _clock.Elapsed));
        var call = _calls.AddOrUpdate(name, 0, (_, n) => n + 1);
        var script = _scripts.GetValueOrDefault(name, [200]);
        var status = script[Math.Min(call, script.Length - 1)];
        if (status == Hang)
        {
            await Task.Delay(HangTime);
            status = 200;
        }

        if (status is 429 or 503 && RetryAfter is not null)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfter;
        }

        return status switch
        {
            200 => Results.Text("ok"), // Slack's answer
            > 200 and < 300 => Results.StatusCode(status),
            _ => Results.Text($"status {status}", statusCode: status),
        };
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>One request as it arrived; header names are lower-case.</summary>
    public sealed record Received(string Endpoint, IReadOnlyDictionary<string, string> Headers, byte[] Body, TimeSpan At)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public JsonNode Json => JsonNode.Parse(Body)!;

        public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
    }
}
