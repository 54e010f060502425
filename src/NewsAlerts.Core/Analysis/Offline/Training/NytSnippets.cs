using System.Globalization;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>One sentence of the VADER study's NYT editorial snippets: its editorial, the mean human rating (-4..4) and the text.</summary>
public sealed record RatedSentence(string Id, int Editorial, double Rating, string Text)
{
    /// <summary>The fixed held-out part: every fifth editorial (numbers divisible by 5), never trained on or tuned on.</summary>
    public bool IsHeldOut => Editorial % 5 == 0;
}

/// <summary>
/// Reads <c>nytEditorialSnippets_GroundTruth.txt</c> (tab separated: id <c>EDITORIAL_SENTENCE</c>, mean rating, text) and
/// scores predictions against it the way the data's README does.
/// </summary>
public static class NytSnippets
{
    /// <summary>Gold ratings are -4..4; divided by 4, above this is positive and below its negation negative (the data's README).</summary>
    public const double NeutralBand = 0.05;

    public static List<RatedSentence> Read(string path)
    {
        var sentences = new List<RatedSentence>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split('\t');
            if (fields.Length < 3 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating)
                || !int.TryParse(fields[0].Split('_')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var editorial))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'EDITORIAL_SENTENCE<TAB>rating<TAB>text'");
            }

            sentences.Add(new RatedSentence(fields[0], editorial, rating, fields[2]));
        }

        return sentences;
    }

    /// <summary>-1, 0 or 1: the class of a rating scaled to -1..1.</summary>
    public static int Class(double scaled) => scaled > NeutralBand ? 1 : scaled < -NeutralBand ? -1 : 0;

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
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

        return varianceX == 0 || varianceY == 0 ? 0 : covariance / Math.Sqrt(varianceX * varianceY);
    }

    /// <summary>Accuracy and the mean F1 of the three classes.</summary>
    public static (double Accuracy, double MacroF1) Classes(IReadOnlyList<int> gold, IReadOnlyList<int> predicted)
    {
        var correct = gold.Where((g, i) => g == predicted[i]).Count();
        var f1 = new[] { -1, 0, 1 }.Select(c =>
        {
            var truePositives = gold.Where((g, i) => g == c && predicted[i] == c).Count();
            var predictedCount = predicted.Count(p => p == c);
            var goldCount = gold.Count(g => g == c);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = goldCount == 0 ? 0 : (double)truePositives / goldCount;
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }).Average();
        return ((double)correct / gold.Count, f1);
    }
}
