using System.Text.Json.Nodes;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Language;

namespace NewsAlerts.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Analyze_SeedArticle_PrintsLanguageSentimentAndEntities()
    {
        var run = await CliRun.InvokeAsync("analyze", RepoPaths.SeedArticle);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Language: en", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Sentiment: (negative|mixed|neutral) \(positive", run.Output);
        Assert.Matches(@"Person\s+Dmitry Peskov", run.Output);
        Assert.Matches(@"Location\s+Gaza Strip", run.Output);
    }

    [Fact]
    public async Task Analyze_Json_PrintsOneObjectWhoseOffsetsPointIntoTheFile()
    {
        var run = await CliRun.InvokeAsync("analyze", RepoPaths.SeedArticle, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Output)!;
        var text = await File.ReadAllTextAsync(RepoPaths.SeedArticle);
        Assert.Equal(Path.GetFileName(RepoPaths.SeedArticle), json["id"]!.GetValue<string>());
        Assert.Equal("en", json["language"]!.GetValue<string>());
        Assert.NotEqual("positive", json["sentiment"]!["label"]!.GetValue<string>());
        var entities = json["entities"]!.AsArray();
        Assert.Contains(entities, e => e!["text"]!.GetValue<string>() == "Kommersant" && e["category"]!.GetValue<string>() == "Organization");
        Assert.All(entities, e => Assert.Equal(e!["text"]!.GetValue<string>(), text.Substring(e["offset"]!.GetValue<int>(), e["length"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Analyze_Jsonl_PrintsOneResultLinePerInputLineInOrder()
    {
        var input = _folder.Write("in.jsonl", """
            {"id": "a", "text": "Spokeswoman Maria Zakharova said Moscow would respond."}
            {"id": 7, "text": "The festival was a wonderful success."}
            """);

        var run = await CliRun.InvokeAsync("analyze", "--jsonl", input);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["a", "7"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.Contains(lines[0]["entities"]!.AsArray(), e => e!["text"]!.GetValue<string>() == "Maria Zakharova" && e["category"]!.GetValue<string>() == "Person");
        Assert.Equal("positive", lines[1]["sentiment"]!["label"]!.GetValue<string>());
        Assert.All(lines, l => Assert.NotNull(l["sentiment"]!["neutral"]));
    }

    [Fact]
    public async Task Analyze_JsonlWithBadLines_NamesEachLineAndExitsTwo()
    {
        var input = _folder.Write("bad.jsonl", "{\"id\": \"a\", \"text\": \"Fine.\"}\n{\"id\": \"b\"}\nnot json\n{\"id\": \"a\", \"text\": \"Again.\"}\n");

        var run = await CliRun.InvokeAsync("analyze", "--jsonl", input);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, errors.Length);
        Assert.EndsWith("bad.jsonl:2: text: missing or empty", errors[0], StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: not valid JSON", errors[1], StringComparison.Ordinal);
        Assert.EndsWith("bad.jsonl:4: id: 'a' appears twice", errors[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "analyze" }, "give either FILE or --jsonl FILE")]
    [InlineData(new[] { "analyze", "no-such-article.txt" }, "no-such-article.txt: file not found")]
    [InlineData(new[] { "analyze", "x.txt", "--analyzer", "azure", "--language-endpoint", "not a url" }, "--language-endpoint 'not a url' is not an http(s) URL")]
    public async Task Analyze_BadArguments_PrintOneLineAndExitTwo(string[] args, string expected)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_AzureJsonl_BatchesDocumentsAndReportsAPerDocumentErrorOnItsOwn()
    {
        await using var service = await FakeLanguageService.StartAsync("cli-key");
        var lines = Enumerable.Range(0, 7).Select(i => $$"""{"id": "d{{i}}", "text": "{{(i == 3 ? FakeLanguageService.InvalidMarker : "Hamas met in Moscow.")}}"}""");
        var input = _folder.Write("azure.jsonl", string.Join('\n', lines));

        var run = await CliRun.InvokeAsync("analyze", "--jsonl", input, "--analyzer", "azure", "--language-endpoint", service.Endpoint.ToString(), "--language-key", "cli-key");

        Assert.Empty(service.Violations);
        Assert.Equal(1, run.ExitCode);
        var results = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(6, results.Count);
        Assert.DoesNotContain(results, r => r["id"]!.GetValue<string>() == "d3");
        Assert.Contains("document 'd3': InvalidArgument", run.Error, StringComparison.Ordinal);
        Assert.Equal([5, 2], service.Requests.Where(r => r.Kind == "EntityRecognition").Select(r => r.DocumentIds.Count));
        Assert.Equal(["Hamas", "Moscow"], results[0]["entities"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).Order());
    }
}
