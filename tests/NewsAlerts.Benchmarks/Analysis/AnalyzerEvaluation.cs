using System.Diagnostics;
using System.Globalization;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Analysis.Offline.Training;

namespace NewsAlerts.Benchmarks.Analysis;

/// <summary>
/// Measures the offline analyzer on the labelled data in <c>../shared/data</c> (never copied into the repository):
/// entity precision, recall and F1 per type on CoNLL-2003 dev and wikigold (exact spans, whole documents), sentiment
/// Pearson r, accuracy and macro-F1 on three classes on the NYT editorial snippets of the VADER study. Run:
/// <c>dotnet run --project tests/NewsAlerts.Benchmarks -c Release -- evaluate [--data DIR]</c>.
/// </summary>
public static class AnalyzerEvaluation
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataFolder = FindDataFolder(args);
        if (dataFolder is null)
        {
            await Console.Error.WriteLineAsync("evaluate: labelled data not found; pass --data DIR (the folder with ner/ and sentiment/).");
            return 2;
        }

        var analyzer = new OfflineAnalyzer();
        Console.WriteLine($"Analyzer: {OfflineAnalyzer.Name}, data: {dataFolder}");
        EvaluateEntities(analyzer, "CoNLL-2003 dev", Path.Combine(dataFolder, "ner", "conll2003", "dev.txt"));
        EvaluateEntities(analyzer, "wikigold", Path.Combine(dataFolder, "ner", "wikigold", "data", "wikigold.conll.txt"));
        await EvaluateSentimentAsync(analyzer, Path.Combine(dataFolder, "sentiment", "nytEditorialSnippets_GroundTruth.txt"));
        return 0;
    }

    private static string? FindDataFolder(string[] args)
    {
        var index = Array.IndexOf(args, "--data");
        if (index >= 0 && index + 1 < args.Length)
        {
            return Directory.Exists(args[index + 1]) ? args[index + 1] : null;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "ner")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>Each document as the analyzer sees it (a sentence a line, tokens joined by spaces); exact span and type.</summary>
    private static void EvaluateEntities(OfflineAnalyzer analyzer, string name, string path)
    {
        var scores = new SpanScores();
        foreach (var document in ConllReader.Read(path))
        {
            var analysis = analyzer.Analyze(document.Text, "en");
            var predicted = analysis.Entities
                .Where(e => ConllType(e.Category) is not null)
                .Select(e => (e.Offset, e.Length, ConllType(e.Category)!));
            scores.Add(document.Entities, predicted);
        }

        Console.WriteLine();
        Console.WriteLine($"Entities on {name} (exact span and type)");
        foreach (var line in scores.Table(["LOC", "ORG", "PER"]))
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>The CoNLL type an Azure-style category counts as; dates and quantities are not named entities there.</summary>
    private static string? ConllType(string category) => category switch
    {
        EntityCategories.Person => "PER",
        EntityCategories.Organization => "ORG",
        EntityCategories.Location => "LOC",
        EntityCategories.Misc or EntityCategories.Event or EntityCategories.Product => "MISC",
        _ => null,
    };

    /// <summary>
    /// Pearson r of positive − negative with the mean rating, accuracy and macro-F1 on three classes, on the held-out
    /// editorials (never trained on) and, for reference, on the whole file; then VADER on the same sentences when
    /// node and the training inputs are installed (tools/analysis).
    /// </summary>
    private static async Task EvaluateSentimentAsync(OfflineAnalyzer analyzer, string path)
    {
        var sentences = NytSnippets.Read(path);
        Console.WriteLine();
        Console.WriteLine("Sentiment on the NYT editorial snippets (held out: editorials divisible by 5, not trained on)");
        Console.WriteLine("| part | sentences | Pearson r | accuracy | macro-F1 |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, part) in new[] { ("held out", sentences.Where(s => s.IsHeldOut).ToList()), ("all (80 % trained on)", sentences) })
        {
            var predicted = part.Select(s => analyzer.Analyze(s.Text, "en").Sentiment).ToList();
            var gold = part.Select(s => s.Rating / 4).ToList();
            var (accuracy, macroF1) = NytSnippets.Classes(gold.Select(NytSnippets.Class).ToList(), predicted.Select(PredictedClass).ToList());
            var r = NytSnippets.Pearson(predicted.Select(p => p.Positive - p.Negative).ToList(), gold);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {part.Count:N0} | {r:0.000} | {accuracy:0.000} | {macroF1:0.000} |"));
        }

        await PrintVaderAsync(path);
    }

    private static async Task PrintVaderAsync(string path)
    {
        var script = Path.Combine(FindRepositoryRoot(), "tools", "analysis", "vader-baseline.js");
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", [script, path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await node.StandardOutput.ReadToEndAsync();
            await node.WaitForExitAsync();
            Console.WriteLine(node.ExitCode == 0
                ? output.TrimEnd()
                : "VADER: not run (install the inputs: bash tools/analysis/install-inputs.sh); the data's README gives r = 0.50, accuracy 0.54 on all 5,190");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("VADER: node not found; the data's README gives r = 0.50, accuracy 0.54 on all 5,190");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The analyzer's label as a class; mixed counts as the side with the higher score.</summary>
    private static int PredictedClass(Sentiment sentiment) => sentiment.Label switch
    {
        SentimentLabel.Positive => 1,
        SentimentLabel.Negative => -1,
        SentimentLabel.Mixed => Math.Sign(sentiment.Positive - sentiment.Negative),
        _ => 0,
    };
}
