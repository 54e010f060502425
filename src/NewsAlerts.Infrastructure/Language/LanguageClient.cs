using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Telemetry;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>Pipeline options of <see cref="LanguageClient"/> (transport, diagnostics); retries are the client's own.</summary>
public sealed class LanguageClientOptions : ClientOptions
{
    public LanguageClientOptions()
    {
        // The client retries 429 and 503 itself (honouring Retry-After, bounded); Azure.Core's default policy would
        // also retry 500, 502 and 504, which the issue wants surfaced.
        Retry.MaxRetries = 0;
    }

    public string ApiVersion { get; set; } = LanguageClient.DefaultApiVersion;

    public int MaxRetries { get; set; } = 4;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A small typed client of the Azure AI Language REST API, synchronous <c>POST {endpoint}/language/:analyze-text</c>
/// (GA api-version 2023-04-01), on Azure.Core's <see cref="HttpPipeline"/> because the <c>Azure.AI.TextAnalytics</c>
/// package cannot be obtained here. It batches documents within the service limits (entity recognition 5 per request,
/// sentiment 10, language detection 1,000; 1 MB per request), splits documents over 5,120 text elements into chunks
/// on sentence boundaries and maps them back, retries 429 and 503, reports per-document errors per document, and
/// counts billed text records (one per started 1,000 characters of each document the service analysed).
/// </summary>
public sealed class LanguageClient
{
    public const string DefaultApiVersion = "2023-04-01";
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";
    public const string Scope = "https://cognitiveservices.azure.com/.default";

    public const int MaxEntityDocuments = 5;
    public const int MaxSentimentDocuments = 10;
    public const int MaxLanguageDocuments = 1000;
    public const int MaxTextElements = 5120;
    public const int MaxRequestBytes = 1_000_000;
    public const int CharactersPerRecord = 1000;

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly LanguageClientOptions _options;
    private readonly TimeProvider _time;
    private long _textRecords;

    /// <summary>Authenticates with a resource key, sent as <c>Ocp-Apim-Subscription-Key</c>.</summary>
    public LanguageClient(Uri endpoint, AzureKeyCredential key, LanguageClientOptions? options = null, TimeProvider? time = null)
        : this(endpoint, new KeyHeaderPolicy(key, KeyHeader), options, time)
    {
    }

    /// <summary>Authenticates with Entra ID (such as a managed identity) for the Cognitive Services scope.</summary>
    public LanguageClient(Uri endpoint, TokenCredential credential, LanguageClientOptions? options = null, TimeProvider? time = null)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential, Scope), options, time)
    {
    }

    private LanguageClient(Uri endpoint, HttpPipelinePolicy authentication, LanguageClientOptions? options, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = options ?? new LanguageClientOptions();
        _time = time ?? TimeProvider.System;
        _pipeline = HttpPipelineBuilder.Build(_options, authentication);
    }

    /// <summary>Text records billed so far by this client (also added to <see cref="NewsAlertsMetrics.LanguageTextRecords"/>).</summary>
    public long TextRecords => Interlocked.Read(ref _textRecords);

    /// <summary>Named entities of each document, offsets in UTF-16 chars of the whole document.</summary>
    public async Task<IReadOnlyList<LanguageResult<EntitiesResult>>> RecognizeEntitiesAsync(IReadOnlyList<LanguageDocument> documents, CancellationToken cancellationToken)
    {
        var chunks = await AnalyzeChunksAsync("EntityRecognition", documents, MaxEntityDocuments, cancellationToken);
        return Combine(documents, chunks, parts => new EntitiesResult(parts.SelectMany(p => ReadEntities(p.Result, p.Chunk.Offset)).ToList()));
    }

    /// <summary>Sentiment of each document; the chunks of a long document are combined weighted by their length.</summary>
    public async Task<IReadOnlyList<LanguageResult<Sentiment>>> AnalyzeSentimentAsync(IReadOnlyList<LanguageDocument> documents, CancellationToken cancellationToken)
    {
        var chunks = await AnalyzeChunksAsync("SentimentAnalysis", documents, MaxSentimentDocuments, cancellationToken);
        return Combine(documents, chunks, parts => SentimentCombiner.Combine(parts.Select(p => (ReadSentiment(p.Result), p.Chunk.Text.Length)).ToList()));
    }

    /// <summary>The language of each document, from its first 5,120 text elements.</summary>
    public async Task<IReadOnlyList<LanguageResult<DetectedLanguage>>> DetectLanguageAsync(IReadOnlyList<LanguageDocument> documents, CancellationToken cancellationToken)
    {
        var firstChunks = documents.Select(d => d with { Text = TextChunker.Split(d.Text, MaxTextElements).FirstOrDefault().Text ?? "" }).ToList();
        var chunks = await AnalyzeChunksAsync("LanguageDetection", firstChunks, MaxLanguageDocuments, cancellationToken);
        return Combine(documents, chunks, parts => ReadLanguage(parts[0].Result));
    }

    private sealed record ChunkResult(string DocumentId, TextChunk Chunk, JsonNode? Result, LanguageDocumentError? Error);

    private async Task<List<ChunkResult>> AnalyzeChunksAsync(string kind, IReadOnlyList<LanguageDocument> documents, int maxDocuments, CancellationToken cancellationToken)
    {
        var work = documents
            .SelectMany(d => TextChunker.Split(d.Text, MaxTextElements).Select((chunk, i) => (Document: d, Chunk: chunk, Id: $"{d.Id}#{i}")))
            .ToList();
        var results = new List<ChunkResult>(work.Count);
        foreach (var batch in Batches(work, maxDocuments))
        {
            var answer = await SendAsync(kind, batch.Select(w => (w.Id, w.Chunk.Text, w.Document.Language)).ToList(), cancellationToken);
            foreach (var item in batch)
            {
                answer.Documents.TryGetValue(item.Id, out var result);
                answer.Errors.TryGetValue(item.Id, out var error);
                error ??= result is null ? new LanguageDocumentError("MissingResult", $"The service returned no result for document {item.Document.Id}.") : null;
                results.Add(new ChunkResult(item.Document.Id, item.Chunk, result, error));
            }
        }

        return results;
    }

    /// <summary>Batches of at most <paramref name="maxDocuments"/> documents and about <see cref="MaxRequestBytes"/> of JSON.</summary>
    private static IEnumerable<List<(LanguageDocument Document, TextChunk Chunk, string Id)>> Batches(
        List<(LanguageDocument Document, TextChunk Chunk, string Id)> work, int maxDocuments)
    {
        const int envelope = 512;
        var batch = new List<(LanguageDocument, TextChunk, string)>();
        var bytes = envelope;
        foreach (var item in work)
        {
            // Worst case JSON escaping: six bytes per UTF-16 char (\uXXXX).
            var size = (item.Chunk.Text.Length * 6) + item.Id.Length + 64;
            if (batch.Count == maxDocuments || (batch.Count > 0 && bytes + size > MaxRequestBytes))
            {
                yield return batch;
                batch = [];
                bytes = envelope;
            }

            batch.Add(item);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static IReadOnlyList<LanguageResult<T>> Combine<T>(IReadOnlyList<LanguageDocument> documents, List<ChunkResult> chunks, Func<List<ChunkResult>, T> combine)
    {
        var byDocument = chunks.GroupBy(c => c.DocumentId).ToDictionary(g => g.Key, g => g.ToList());
        return documents.Select(d =>
        {
            var parts = byDocument.GetValueOrDefault(d.Id) ?? [];
            var error = parts.FirstOrDefault(p => p.Error is not null)?.Error;
            if (parts.Count == 0)
            {
                error = new LanguageDocumentError("EmptyDocument", $"Document {d.Id} has no text.");
            }

            return error is null ? new LanguageResult<T>(d.Id, combine(parts), null) : new LanguageResult<T>(d.Id, default, error);
        }).ToList();
    }

    private sealed record Answer(Dictionary<string, JsonNode> Documents, Dictionary<string, LanguageDocumentError> Errors);

    private async Task<Answer> SendAsync(string kind, List<(string Id, string Text, string? Language)> documents, CancellationToken cancellationToken)
    {
        var body = BinaryData.FromString(RequestBody(kind, documents).ToJsonString());
        for (var attempt = 0; ; attempt++)
        {
            using var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Post;
            request.Uri.Reset(new Uri(_endpoint, "language/:analyze-text"));
            request.Uri.AppendQuery("api-version", _options.ApiVersion);
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(body);
            await _pipeline.SendAsync(message, cancellationToken);
            var response = message.Response;
            if (response.Status is (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.ServiceUnavailable && attempt < _options.MaxRetries)
            {
                await Task.Delay(RetryDelay(response, attempt), _time, cancellationToken);
                continue;
            }

            if (response.Status != (int)HttpStatusCode.OK)
            {
                throw Failure(response);
            }

            var answer = ReadAnswer(response.Content);
            CountRecords(documents.Where(d => answer.Documents.ContainsKey(d.Id)).Select(d => d.Text));
            return answer;
        }
    }

    private static JsonObject RequestBody(string kind, List<(string Id, string Text, string? Language)> documents)
    {
        var isLanguageDetection = kind == "LanguageDetection";
        var array = new JsonArray();
        foreach (var (id, text, language) in documents)
        {
            var document = new JsonObject { ["id"] = id, ["text"] = text };
            if (!isLanguageDetection && !string.IsNullOrWhiteSpace(language))
            {
                document["language"] = language;
            }

            array.Add(document);
        }

        var parameters = new JsonObject { ["modelVersion"] = "latest" };
        if (!isLanguageDetection)
        {
            parameters["stringIndexType"] = "Utf16CodeUnit";
        }

        return new JsonObject
        {
            ["kind"] = kind,
            ["analysisInput"] = new JsonObject { ["documents"] = array },
            ["parameters"] = parameters,
        };
    }

    /// <summary><c>Retry-After</c> in seconds or as an HTTP date, else exponential from one second; never above the maximum.</summary>
    private TimeSpan RetryDelay(Response response, int attempt)
    {
        TimeSpan? asked = null;
        if (response.Headers.TryGetValue("Retry-After", out var value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                asked = TimeSpan.FromSeconds(Math.Max(0, seconds));
            }
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - _time.GetUtcNow();
                asked = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        var delay = asked ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private static LanguageServiceException Failure(Response response)
    {
        var code = "Unknown";
        var message = response.ReasonPhrase;
        try
        {
            var error = JsonNode.Parse(response.Content.ToString())?["error"];
            code = error?["code"]?.GetValue<string>() ?? code;
            message = error?["message"]?.GetValue<string>() ?? message;
        }
        catch (JsonException)
        {
            // Not a JSON error body (a proxy's HTML page): keep the reason phrase.
        }

        return new LanguageServiceException(response.Status, code, message);
    }

    private static Answer ReadAnswer(BinaryData content)
    {
        var results = JsonNode.Parse(content.ToString())?["results"]
            ?? throw new LanguageServiceException(200, "InvalidResponse", "The response has no results.");
        var documents = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var document in results["documents"]?.AsArray() ?? [])
        {
            documents[document!["id"]!.GetValue<string>()] = document;
        }

        var errors = new Dictionary<string, LanguageDocumentError>(StringComparer.Ordinal);
        foreach (var error in results["errors"]?.AsArray() ?? [])
        {
            var detail = error!["error"];
            errors[error["id"]!.GetValue<string>()] = new LanguageDocumentError(
                detail?["code"]?.GetValue<string>() ?? "Unknown", detail?["message"]?.GetValue<string>() ?? "");
        }

        return new Answer(documents, errors);
    }

    private void CountRecords(IEnumerable<string> texts)
    {
        var records = texts.Sum(t => RecordsFor(t.Length));
        Interlocked.Add(ref _textRecords, records);
        NewsAlertsMetrics.LanguageTextRecords.Add(records);
    }

    /// <summary>Billed text records of one document: one per started 1,000 characters.</summary>
    public static long RecordsFor(int characters) => Math.Max(1, (characters + CharactersPerRecord - 1) / CharactersPerRecord);

    private static IEnumerable<Entity> ReadEntities(JsonNode? document, int chunkOffset) =>
        (document?["entities"]?.AsArray() ?? []).Select(e => new Entity(
            e!["text"]!.GetValue<string>(),
            e["category"]!.GetValue<string>(),
            e["subcategory"]?.GetValue<string>(),
            e["offset"]!.GetValue<int>() + chunkOffset,
            e["length"]!.GetValue<int>(),
            e["confidenceScore"]?.GetValue<double>() ?? 0));

    private static Sentiment ReadSentiment(JsonNode? document)
    {
        var scores = document?["confidenceScores"];
        var label = Enum.Parse<SentimentLabel>(document?["sentiment"]?.GetValue<string>() ?? "neutral", ignoreCase: true);
        return new Sentiment(label, Score(scores, "positive"), Score(scores, "neutral"), Score(scores, "negative"));
    }

    private static double Score(JsonNode? scores, string name) => scores?[name]?.GetValue<double>() ?? 0;

    private static DetectedLanguage ReadLanguage(JsonNode? document)
    {
        var detected = document?["detectedLanguage"];
        var code = detected?["iso6391Name"]?.GetValue<string>();
        return new DetectedLanguage(string.IsNullOrEmpty(code) || code.StartsWith('(') ? "und" : code, detected?["confidenceScore"]?.GetValue<double>() ?? 0);
    }
}
