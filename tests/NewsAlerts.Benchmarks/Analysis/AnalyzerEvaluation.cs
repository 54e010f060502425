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
    /// <summary>Gold ratings are -4..4; divided by 4, above this is positive and below its negation negative (the data's README).</summary>
    private const double NeutralBand = 0.05;

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

    private static async Task EvaluateSentimentAsync(IArticleAnalyzer analyzer, string path)
    {
        var gold = new List<double>();
        var predicted = new List<double>();
        var correct = 0;
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating))
            {
                continue;
            }

            var sentiment = (await analyzer.AnalyzeAsync(fields[2], "en", CancellationToken.None)).Sentiment;
            var score = sentiment.Positive - sentiment.Negative;
            gold.Add(rating);
            predicted.Add(score);
            correct += GoldClass(rating / 4) == PredictedClass(sentiment) ? 1 : 0;
        }

        Console.WriteLine();
        Console.WriteLine($"Sentiment on {gold.Count} NYT editorial snippets (VADER reference: r = 0.50, accuracy 0.54)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Pearson r (positive - negative vs mean rating) | {Pearson(gold, predicted):0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| accuracy, 3 classes | {(double)correct / gold.Count:0.000} |"));
    }

    private static int GoldClass(double normalised) => normalised > NeutralBand ? 1 : normalised < -NeutralBand ? -1 : 0;

    /// <summary>The analyzer's label as a class; mixed counts as the side with the higher score.</summary>
    private static int PredictedClass(Sentiment sentiment) => sentiment.Label switch
    {
        SentimentLabel.Positive => 1,
        SentimentLabel.Negative => -1,
        SentimentLabel.Mixed => Math.Sign(sentiment.Positive - sentiment.Negative),
        _ => 0,
    };

    private static double Pearson(List<double> x, List<double> y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }

        return covariance / Math.Sqrt(varianceX * varianceY);
    }
}
