using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Infrastructure.Language;
using NewsAlerts.TestSupport.Language;

namespace NewsAlerts.Infrastructure.Tests.Language;

public sealed class LanguageClientTests : IAsyncLifetime
{
    private const string Key = "test-key-123";
    private FakeLanguageService _service = null!;

    public async Task InitializeAsync() => _service = await FakeLanguageService.StartAsync(Key);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task RecognizeEntities_TwelveDocuments_SendsBatchesOfFiveWithTheKeyAndCountsOneRecordEach()
    {
        var client = KeyClient();
        var documents = Enumerable.Range(0, 12).Select(i => new LanguageDocument($"d{i}", $"Story {i}: Hamas officials arrived in Moscow.", "en")).ToList();

        var results = await client.RecognizeEntitiesAsync(documents, CancellationToken.None);

        Assert.Empty(_service.Violations);
        Assert.Equal([5, 5, 2], _service.Requests.Select(r => r.DocumentIds.Count));
        Assert.All(_service.Requests, r => Assert.Contains("\"stringIndexType\":\"Utf16CodeUnit\"", r.Parameters, StringComparison.Ordinal));
        Assert.Equal(documents.Select(d => d.Id), results.Select(r => r.Id));
        var moscow = results[7].Value!.Entities.Single(e => e.Text == "Moscow");
        Assert.Equal(EntityCategories.Location, moscow.Category);
        Assert.Equal("Moscow", documents[7].Text.Substring(moscow.Offset, moscow.Length));
        Assert.Equal(12, client.TextRecords);
    }

    [Fact]
    public async Task AnalyzeSentiment_TwelveDocuments_SendsBatchesOfTen()
    {
        var client = KeyClient();
        var documents = Enumerable.Range(0, 12).Select(i => new LanguageDocument($"d{i}", i % 2 == 0 ? "A wonderful day." : "A terrible day.", "en")).ToList();

        var results = await client.AnalyzeSentimentAsync(documents, CancellationToken.None);

        Assert.Empty(_service.Violations);
        Assert.Equal([10, 2], _service.Requests.Select(r => r.DocumentIds.Count));
        Assert.Equal(SentimentLabel.Positive, results[0].Value!.Label);
        Assert.Equal(SentimentLabel.Negative, results[1].Value!.Label);
        Assert.Equal(0.9, results[1].Value!.Negative);
    }

    [Fact]
    public async Task RecognizeEntities_DocumentLongerThan5120TextElements_IsSplitOnSentencesAndOffsetsMapBack()
    {
        var client = KeyClient();
        var sentence = "Officials met for talks that lasted the whole afternoon and ended late. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 100)) + "Dmitry Peskov spoke in Moscow. " + string.Concat(Enumerable.Repeat(sentence, 100)) + "Reuters reported it.";

        var result = (await client.RecognizeEntitiesAsync([new LanguageDocument("long", text, "en")], CancellationToken.None)).Single();

        Assert.Empty(_service.Violations);
        var chunks = _service.Requests.Single().Texts;
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks.SkipLast(1), c => Assert.EndsWith(". ", c, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(chunks));
        Assert.All(result.Value!.Entities, e => Assert.Equal(e.Text, text.Substring(e.Offset, e.Length)));
        Assert.Equal(["Dmitry Peskov", "Moscow", "Reuters"], result.Value.Entities.Select(e => e.Text).Order());
        Assert.Equal(chunks.Sum(c => (c.Length + 999) / 1000), client.TextRecords);
    }

    [Fact]
    public async Task AnalyzeSentiment_LongDocumentWithPositiveAndNegativeChunks_IsMixed()
    {
        var client = KeyClient();
        var text = string.Concat(Enumerable.Repeat("It was a wonderful opening. ", 200)) + string.Concat(Enumerable.Repeat("Then a terrible storm came. ", 200));

        var sentiment = (await client.AnalyzeSentimentAsync([new LanguageDocument("long", text, "en")], CancellationToken.None)).Single().Value!;

        Assert.True(_service.Requests.Single().Texts.Count >= 2);
        Assert.Equal(SentimentLabel.Mixed, sentiment.Label);
        Assert.Equal(1, sentiment.Positive + sentiment.Neutral + sentiment.Negative, 6);
    }

    [Fact]
    public async Task Request_AnsweredTooManyRequests_IsRetriedAfterRetryAfter()
    {
        _service.Script((429, "1"));
        var client = KeyClient();
        var watch = Stopwatch.StartNew();

        var results = await client.RecognizeEntitiesAsync([new LanguageDocument("a", "Hamas.", "en")], CancellationToken.None);

        Assert.True(results.Single().Succeeded);
        Assert.Equal(2, _service.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
        Assert.Equal(1, client.TextRecords);
    }

    [Fact]
    public async Task Request_UnavailableMoreTimesThanRetries_FailsWithTheStatus()
    {
        _service.Script((503, "0"), (503, "0"), (503, "0"));
        var client = KeyClient(maxRetries: 2);

        var error = await Assert.ThrowsAsync<LanguageServiceException>(() => client.RecognizeEntitiesAsync([new LanguageDocument("a", "Hamas.", "en")], CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.Equal(3, _service.Requests.Count);
        Assert.Equal(0, client.TextRecords);
    }

    [Fact]
    public async Task Request_InternalServerError_IsSurfacedWithoutRetry()
    {
        _service.Script((500, null));
        var client = KeyClient();

        var error = await Assert.ThrowsAsync<LanguageServiceException>(() => client.AnalyzeSentimentAsync([new LanguageDocument("a", "Fine.", "en")], CancellationToken.None));

        Assert.Equal(500, error.Status);
        Assert.Equal("InternalServerError", error.Code);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task PerDocumentError_FailsOnlyThatDocumentAndIsNotCounted()
    {
        var client = KeyClient();
        var documents = new[]
        {
            new LanguageDocument("ok1", "Hamas met in Moscow.", "en"),
            new LanguageDocument("bad", $"{FakeLanguageService.InvalidMarker} text", "en"),
            new LanguageDocument("ok2", "Reuters reported.", "en"),
        };

        var results = await client.RecognizeEntitiesAsync(documents, CancellationToken.None);

        Assert.True(results[0].Succeeded);
        Assert.Equal("InvalidArgument", results[1].Error!.Code);
        Assert.True(results[2].Succeeded);
        Assert.Equal(2, client.TextRecords);
    }

    [Fact]
    public async Task BadKey_IsRejectedAndSurfaced()
    {
        var client = new LanguageClient(_service.Endpoint, new AzureKeyCredential("wrong"), new LanguageClientOptions());

        var error = await Assert.ThrowsAsync<LanguageServiceException>(() => client.RecognizeEntitiesAsync([new LanguageDocument("a", "Hamas.", "en")], CancellationToken.None));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task TokenCredential_SendsABearerTokenForTheCognitiveServicesScope()
    {
        using var certificate = FakeLanguageService.CreateCertificate();
        await using var service = await FakeLanguageService.StartWithTokenAsync("token-abc", certificate);
        var credential = new FixedTokenCredential("token-abc");
        var options = new LanguageClientOptions { Transport = TrustingTransport(certificate) };
        var client = new LanguageClient(service.Endpoint, credential, options);

        var results = await client.DetectLanguageAsync([new LanguageDocument("a", "The talks went on.", null)], CancellationToken.None);

        Assert.Empty(service.Violations);
        Assert.Equal("en", results.Single().Value!.Code);
        Assert.Equal([LanguageClient.Scope], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task AzureLanguageAnalyzer_TextWithoutLanguage_DetectsItThenFindsEntitiesAndSentiment()
    {
        var analyzer = new AzureLanguageAnalyzer(KeyClient());

        var analysis = await analyzer.AnalyzeAsync("A terrible day: Hamas delegates flew to Moscow.", null, CancellationToken.None);

        Assert.Equal(["LanguageDetection", "EntityRecognition", "SentimentAnalysis"], _service.Requests.Select(r => r.Kind));
        Assert.Equal("en", analysis.Language);
        Assert.Equal(AzureLanguageAnalyzer.Name, analysis.Analyzer);
        Assert.Equal(SentimentLabel.Negative, analysis.Sentiment.Label);
        Assert.Equal(["Hamas", "Moscow"], analysis.Entities.Select(e => e.Text).Order());
    }

    private LanguageClient KeyClient(int maxRetries = 4) =>
        new(_service.Endpoint, new AzureKeyCredential(Key), new LanguageClientOptions { MaxRetries = maxRetries });

    private static HttpClientTransport TrustingTransport(X509Certificate2 certificate) =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint });

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, TimeProvider.System.GetUtcNow().AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
