using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NewsAlerts.TestSupport.Language;

/// <summary>
/// Azure AI Language's synchronous <c>POST /language/:analyze-text</c> on a local Kestrel server. It checks every
/// request as the service does (path, api-version, auth header, documents per request, text elements per document,
/// request size) and records what it finds wrong in <see cref="Violations"/> (answering 400 like the service). It
/// answers like the documented service: entities for the words in <see cref="KnownEntities"/> with offsets in
/// UTF-16 units, sentiment from the words "wonderful" and "terrible", English for language detection, a per-document
/// error for any document containing <see cref="InvalidMarker"/>, and scripted statuses (429 with Retry-After, 500...).
/// </summary>
public sealed class FakeLanguageService : IAsyncDisposable
{
    public const string Path = "/language/:analyze-text";
    public const string ApiVersion = "2023-04-01";
    public const string InvalidMarker = "INVALID-DOCUMENT";

    public static readonly IReadOnlyDictionary<string, string> KnownEntities = new Dictionary<string, string>
    {
        ["Moscow"] = "Location", ["Hamas"] = "Organization", ["Reuters"] = "Organization", ["Dmitry Peskov"] = "Person",
    };

    private static readonly Dictionary<string, int> MaxDocuments = new()
    {
        ["EntityRecognition"] = 5, ["SentimentAnalysis"] = 10, ["LanguageDetection"] = 1000,
    };

    private readonly ConcurrentQueue<LanguageRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private LocalHttpServer? _server;

    /// <summary>The auth header every request must carry: <c>Ocp-Apim-Subscription-Key</c> or <c>Authorization</c>.</summary>
    public required (string Name, string Value) ExpectedAuth { get; init; }

    public Uri Endpoint => _server!.BaseAddress;

    public IReadOnlyList<LanguageRequest> Requests => _requests.ToList();

    public IReadOnlyList<string> Violations => _violations.ToList();

    /// <summary>The next answers, before normal ones: a status and an optional Retry-After value.</summary>
    public void Script(params (int Status, string? RetryAfter)[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    public static async Task<FakeLanguageService> StartAsync(string apiKey) =>
        await StartAsync(new FakeLanguageService { ExpectedAuth = ("Ocp-Apim-Subscription-Key", apiKey) }, null);

    /// <summary>Over HTTPS with a self-signed certificate, for bearer tokens (Azure.Core refuses them over HTTP).</summary>
    public static async Task<FakeLanguageService> StartWithTokenAsync(string token, X509Certificate2 certificate) =>
        await StartAsync(new FakeLanguageService { ExpectedAuth = ("Authorization", $"Bearer {token}") }, certificate);

    private static async Task<FakeLanguageService> StartAsync(FakeLanguageService fake, X509Certificate2? certificate)
    {
        fake._server = await LocalHttpServer.StartAsync(app => app.Run(fake.HandleAsync), certificate: certificate);
        return fake;
    }

    /// <summary>A self-signed certificate for 127.0.0.1, valid for a day.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var json = JsonNode.Parse(body)!;
        var kind = json["kind"]?.GetValue<string>() ?? "";
        var documents = json["analysisInput"]?["documents"]?.AsArray().Select(d => (Id: d!["id"]!.GetValue<string>(), Text: d["text"]!.GetValue<string>())).ToList() ?? [];
        _requests.Enqueue(new LanguageRequest(kind, documents.Select(d => d.Id).ToList(), documents.Select(d => d.Text).ToList(), json["parameters"]?.ToJsonString() ?? ""));

        var violation = Check(request, kind, documents, body.Length);
        if (violation is not null)
        {
            _violations.Enqueue(violation);
            await Error(context, 400, "InvalidRequest", violation);
            return;
        }

        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }

            await Error(context, scripted.Status, scripted.Status == 429 ? "TooManyRequests" : "InternalServerError", "Scripted failure.");
            return;
        }

        await context.Response.WriteAsync(Answer(kind, documents).ToJsonString());
    }

    private string? Check(HttpRequest request, string kind, List<(string Id, string Text)> documents, int bodyLength)
    {
        if (request.Method != "POST" || request.Path.Value != Path)
        {
            return $"unexpected {request.Method} {request.Path}";
        }

        if (request.Query["api-version"] != ApiVersion)
        {
            return $"api-version {request.Query["api-version"]}";
        }

        if (request.Headers[ExpectedAuth.Name] != ExpectedAuth.Value)
        {
            return $"missing or wrong {ExpectedAuth.Name}";
        }

        if (!MaxDocuments.TryGetValue(kind, out var max) || documents.Count == 0 || documents.Count > max)
        {
            return $"{documents.Count} documents for {kind}";
        }

        if (documents.FirstOrDefault(d => new StringInfo(d.Text).LengthInTextElements > 5120) is { Id: not null } tooLong)
        {
            return $"document {tooLong.Id} is longer than 5,120 text elements";
        }

        return bodyLength > 1_000_000 ? "request larger than 1 MB" : null;
    }

    private static JsonObject Answer(string kind, List<(string Id, string Text)> documents)
    {
        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var (id, text) in documents)
        {
            if (text.Contains(InvalidMarker, StringComparison.Ordinal))
            {
                errors.Add(new JsonObject { ["id"] = id, ["error"] = new JsonObject { ["code"] = "InvalidArgument", ["message"] = "Invalid document in request." } });
                continue;
            }

            var result = kind switch
            {
                "EntityRecognition" => new JsonObject { ["id"] = id, ["entities"] = Entities(text) },
                "SentimentAnalysis" => SentimentOf(id, text),
                _ => new JsonObject { ["id"] = id, ["detectedLanguage"] = new JsonObject { ["name"] = "English", ["iso6391Name"] = "en", ["confidenceScore"] = 1.0 } },
            };
            result["warnings"] = new JsonArray();
            results.Add(result);
        }

        return new JsonObject
        {
            ["kind"] = $"{kind}Results",
            ["results"] = new JsonObject { ["documents"] = results, ["errors"] = errors, ["modelVersion"] = "2023-09-01" },
        };
    }

    private static JsonArray Entities(string text)
    {
        var entities = new JsonArray();
        foreach (var (name, category) in KnownEntities)
        {
            for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                entities.Add(new JsonObject
                {
                    ["text"] = name, ["category"] = category, ["offset"] = at, ["length"] = name.Length, ["confidenceScore"] = 0.98,
                });
            }
        }

        return entities;
    }

    private static JsonObject SentimentOf(string id, string text)
    {
        var (label, positive, neutral, negative) = (text.Contains("wonderful", StringComparison.Ordinal), text.Contains("terrible", StringComparison.Ordinal)) switch
        {
            (true, true) => ("mixed", 0.45, 0.1, 0.45),
            (true, false) => ("positive", 0.9, 0.08, 0.02),
            (false, true) => ("negative", 0.02, 0.08, 0.9),
            _ => ("neutral", 0.05, 0.9, 0.05),
        };
        return new JsonObject
        {
            ["id"] = id,
            ["sentiment"] = label,
            ["confidenceScores"] = new JsonObject { ["positive"] = positive, ["neutral"] = neutral, ["negative"] = negative },
            ["sentences"] = new JsonArray(),
        };
    }

    private static async Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>One request the fake received: its kind, document ids and texts, and its parameters as JSON.</summary>
public sealed record LanguageRequest(string Kind, IReadOnlyList<string> DocumentIds, IReadOnlyList<string> Texts, string Parameters);
