using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Infrastructure.DependencyInjection;
using NewsAlerts.Infrastructure.Language;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts analyze FILE [--json]</c> analyses one <c>.txt</c> article; <c>newsalerts analyze --jsonl FILE</c>
/// analyses one <c>{"id", "text"}</c> object a line and prints one result a line. Offsets are UTF-16 chars of the
/// text as given. <c>--analyzer azure</c> uses Azure AI Language (endpoint and key from the options or the
/// <c>NewsAlerts__Analysis__LanguageEndpoint</c> / <c>NewsAlerts__Analysis__ApiKey</c> settings).
/// </summary>
internal static class AnalyzeCommand
{
    private const int AzureBatchSize = 50;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console)
    {
        var file = new Argument<string?>("file") { Description = "A .txt article (first line the title)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object" };
        var jsonl = new Option<string?>("--jsonl") { Description = "A file of {\"id\", \"text\"} objects, one a line; prints one JSON result a line" };
        var analyzer = new Option<string>("--analyzer") { Description = "local (offline, default) or azure (Azure AI Language)", DefaultValueFactory = _ => "local" };
        analyzer.AcceptOnlyFromAmong("local", "azure");
        var endpoint = new Option<string?>("--language-endpoint") { Description = "With --analyzer azure: the Language endpoint (default: setting NewsAlerts__Analysis__LanguageEndpoint)" };
        var key = new Option<string?>("--language-key") { Description = "With --analyzer azure: a resource key (default: NewsAlerts__Analysis__ApiKey, else an Azure identity)" };
        var command = new Command("analyze", "Find the language, entities and sentiment of articles")
        {
            file, json, jsonl, analyzer, endpoint, key,
        };
        command.SetAction((result, cancellationToken) => console.GuardAsync(async () =>
        {
            var (filePath, linesPath) = (result.GetValue(file), result.GetValue(jsonl));
            if ((filePath is null) == (linesPath is null))
            {
                await console.Error.WriteLineAsync("error: analyze: give either FILE or --jsonl FILE");
                return CliConsole.BadInput;
            }

            var chosen = CreateAnalyzer(result.GetValue(analyzer)!, result.GetValue(endpoint), result.GetValue(key));
            try
            {
                return linesPath is not null
                    ? await AnalyzeLinesAsync(console, chosen, linesPath, cancellationToken)
                    : await AnalyzeFileAsync(console, chosen, filePath!, result.GetValue(json), cancellationToken);
            }
            catch (Exception ex) when (ex is LanguageServiceException or Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException)
            {
                await console.Error.WriteLineAsync($"error: Azure AI Language: {ex.Message.Split('\n')[0]}");
                return CliConsole.Failure;
            }
        }));
        return command;
    }

    private static IArticleAnalyzer CreateAnalyzer(string name, string? endpoint, string? key)
    {
        var configuration = CliSettings.Build(new Dictionary<string, string?>());
        var options = configuration.GetSection(AnalysisOptions.SectionName).Get<AnalysisOptions>() ?? new AnalysisOptions();
        if (name == "local")
        {
            return new OfflineAnalyzer(options.Offline);
        }

        options.ApiKey = key ?? options.ApiKey;
        if (endpoint is not null)
        {
            options.LanguageEndpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new OptionsValidationException(nameof(AnalysisOptions), typeof(AnalysisOptions), [$"--language-endpoint '{endpoint}' is not an http(s) URL"]);
        }

        if (options.LanguageEndpoint is null)
        {
            throw new OptionsValidationException(nameof(AnalysisOptions), typeof(AnalysisOptions),
                ["--analyzer azure needs --language-endpoint or the setting NewsAlerts__Analysis__LanguageEndpoint"]);
        }

        return new AzureLanguageAnalyzer(AnalysisServiceExtensions.CreateClient(options, configuration));
    }

    private static async Task<int> AnalyzeFileAsync(CliConsole console, IArticleAnalyzer analyzer, string path, bool asJson, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await console.Error.WriteLineAsync($"error: {path}: file not found");
            return CliConsole.BadInput;
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var analysis = await analyzer.AnalyzeAsync(text, null, cancellationToken);
        if (asJson)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(AnalysisLine.From(Path.GetFileName(path), analysis), Json));
        }
        else
        {
            await PrintAsync(console.Out, analysis);
        }

        return CliConsole.Success;
    }

    private static async Task<int> AnalyzeLinesAsync(CliConsole console, IArticleAnalyzer analyzer, string path, CancellationToken cancellationToken)
    {
        var documents = await InputLines.ReadAsync(console, path, cancellationToken);
        if (documents is null)
        {
            return CliConsole.BadInput;
        }

        if (analyzer is OfflineAnalyzer offline)
        {
            // The offline analyzer is thread-safe and CPU-bound: every core analyses, the output keeps the input order.
            var lines = documents.AsParallel().AsOrdered().WithCancellation(cancellationToken)
                .Select(d => JsonSerializer.Serialize(AnalysisLine.From(d.Id, offline.Analyze(d.Text, null)), Json));
            foreach (var line in lines)
            {
                await console.Out.WriteLineAsync(line);
            }

            return CliConsole.Success;
        }

        var failed = 0;
        foreach (var batch in documents.Chunk(analyzer is AzureLanguageAnalyzer ? AzureBatchSize : 1))
        {
            var results = analyzer is AzureLanguageAnalyzer azure
                ? await azure.AnalyzeManyAsync(batch, cancellationToken)
                : [new LanguageResult<ArticleAnalysis>(batch[0].Id, await analyzer.AnalyzeAsync(batch[0].Text, null, cancellationToken), null)];
            foreach (var result in results)
            {
                if (result.Error is { } error)
                {
                    failed++;
                    await console.Error.WriteLineAsync($"error: {path}: document '{result.Id}': {error.Code}: {error.Message}");
                    continue;
                }

                await console.Out.WriteLineAsync(JsonSerializer.Serialize(AnalysisLine.From(result.Id, result.Value!), Json));
            }
        }

        return failed == 0 ? CliConsole.Success : CliConsole.Failure;
    }

    private static async Task PrintAsync(TextWriter output, ArticleAnalysis analysis)
    {
        var s = analysis.Sentiment;
        await output.WriteLineAsync($"Analyzer: {analysis.Analyzer}");
        await output.WriteLineAsync($"Language: {analysis.Language}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Sentiment: {s.Label.ToString().ToLowerInvariant()} (positive {s.Positive:0.00}, neutral {s.Neutral:0.00}, negative {s.Negative:0.00})"));
        await output.WriteLineAsync($"Entities: {analysis.Entities.Count}");
        foreach (var e in analysis.Entities)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {e.Category,-13} {e.Text}  (offset {e.Offset}, length {e.Length}, confidence {e.Confidence:0.00})"));
        }
    }
}

/// <summary>One output line of <c>analyze --json</c> / <c>--jsonl</c>.</summary>
internal sealed record AnalysisLine(string Id, string Language, SentimentLine Sentiment, IReadOnlyList<EntityLine> Entities)
{
    public static AnalysisLine From(string id, ArticleAnalysis analysis) => new(
        id,
        analysis.Language,
        new SentimentLine(analysis.Sentiment.Label.ToString().ToLowerInvariant(), analysis.Sentiment.Positive, analysis.Sentiment.Neutral, analysis.Sentiment.Negative),
        analysis.Entities.Select(e => new EntityLine(e.Text, e.Category, e.Subcategory, e.Offset, e.Length, e.Confidence)).ToList());
}

internal sealed record SentimentLine(string Label, double Positive, double Neutral, double Negative);

internal sealed record EntityLine(string Text, string Category, string? Subcategory, int Offset, int Length, double Confidence);

/// <summary>Reads <c>--jsonl</c> input; every bad line is reported as <c>error: FILE:LINE: ...</c> and nothing is analysed.</summary>
internal static class InputLines
{
    public static async Task<List<LanguageDocument>?> ReadAsync(CliConsole console, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await console.Error.WriteLineAsync($"error: {path}: file not found");
            return null;
        }

        var documents = new List<LanguageDocument>();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var problem = Parse(line, out var document);
            problem ??= document is not null && !ids.Add(document.Id) ? $"id: '{document.Id}' appears twice" : null;
            if (problem is not null)
            {
                problems.Add($"error: {path}:{number}: {problem}");
            }
            else
            {
                documents.Add(document!);
            }
        }

        foreach (var problem in problems)
        {
            await console.Error.WriteLineAsync(problem);
        }

        return problems.Count == 0 ? documents : null;
    }

    private static string? Parse(string line, out LanguageDocument? document)
    {
        document = null;
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "expected a JSON object with \"id\" and \"text\"";
            }

            var id = json.RootElement.TryGetProperty("id", out var idValue) ? idValue : default;
            var text = json.RootElement.TryGetProperty("text", out var textValue) ? textValue : default;
            if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return "id: missing (a string or number is required)";
            }

            if (text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
            {
                return "text: missing or empty";
            }

            document = new LanguageDocument(id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText(), text.GetString()!, null);
            return null;
        }
        catch (JsonException ex)
        {
            return $"not valid JSON ({ex.Message.Split('.')[0]})";
        }
    }
}
