using System.Globalization;
using NewsAlerts.Core.Analysis.Offline.Valence;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>What <c>newsalerts sentiment train</c> was asked to do.</summary>
/// <param name="LexiconPath">VADER's <c>vader_lexicon.txt</c> (word, mean valence, ...; tab separated), the second word list; optional.</param>
public sealed record SentimentTrainingOptions(string DataPath, string EmbeddingsPath, string OutputPath, string? LexiconPath);

/// <summary>
/// Trains the valence model on the NYT editorial snippets, every fifth editorial held out: ridge regression of the
/// rating (scaled to -1..1) on the mean word-piece embedding, the mean embedding of negated words and the lexicon
/// rules' scores, features standardised. The ridge strength is chosen by 5-fold cross-validation on the training part
/// (folds by editorial), and so are the label thresholds; the held-out part is scored once, at the end.
/// </summary>
public static class ValenceTraining
{
    private static readonly double[] Strengths = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
    private const int Folds = 5;

    /// <summary>
    /// The narrowest neutral band the thresholds may leave: without it cross-validation picks a band of 0.05 in which a
    /// plain factual sentence (<c>The committee meets on Tuesday</c>) already reads as positive.
    /// </summary>
    private const double MinimumNeutralBand = 0.06;

    public static void Run(SentimentTrainingOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sentences = NytSnippets.Read(options.DataPath);
        var miniLm = MiniLmPackage.Load(options.EmbeddingsPath);
        var pieces = new WordPieces(miniLm.Vocabulary);
        var second = options.LexiconPath is null ? new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) : ReadLexicon(options.LexiconPath);
        var train = sentences.Where(s => !s.IsHeldOut).ToList();
        var heldOut = sentences.Where(s => s.IsHeldOut).ToList();
        var rows = train.Select(s => Row(s.Text, pieces, second, miniLm)).ToArray();
        var targets = train.Select(s => s.Rating / 4).ToArray();
        var folds = train.Select(s => s.Editorial / 5 % Folds).ToArray();
        log.WriteLine($"{sentences.Count} rated sentences: {train.Count} to train on, {heldOut.Count} held out (editorials divisible by 5); {rows[0].Length} features");

        var (strength, crossValidated) = ChooseStrength(rows, targets, folds, log);
        var (positiveAbove, negativeBelow) = Thresholds(crossValidated, targets);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"label thresholds from cross-validation: positive above {positiveAbove:0.00}, negative below {negativeBelow:0.00}"));

        var fit = Ridge.Gram(rows, targets, _ => true).Solve(strength);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"ridge regression (strength {strength}) on {train.Count} NYT editorial sentences (VADER study, MIT), editorials divisible by 5 held out");
        var model = ToModel(fit, miniLm, pieces, second, (float)positiveAbove, (float)negativeBelow, description);
        Report(model, heldOut, log);
        var temporary = options.OutputPath + ".tmp";
        using (var file = File.Create(temporary))
        {
            model.Save(file);
        }

        File.Move(temporary, options.OutputPath, overwrite: true);
        log.WriteLine($"wrote {options.OutputPath} ({new FileInfo(options.OutputPath).Length / 1024} KB)");
    }

    /// <summary>A VADER-style lexicon file: word, tab, mean valence (-4..4), then anything.</summary>
    private static Dictionary<string, double> ReadLexicon(string path)
    {
        var lexicon = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split('\t');
            if (fields.Length < 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'word<TAB>valence'");
            }

            lexicon.TryAdd(fields[0], valence);
        }

        return lexicon;
    }

    /// <summary>The feature row of a text: mean embedding of its pieces, of its negated pieces (both over all pieces), lexicon scores.</summary>
    private static double[] Row(string text, WordPieces pieces, Dictionary<string, double> second, MiniLmPackage miniLm)
    {
        var tokens = Tokenizer.Tokenize(text);
        var features = ValenceFeatures.Of(text, tokens, 0, tokens.Count, pieces, second);
        var d = miniLm.Dimensions;
        var row = new double[2 * d + ValenceFeatures.LexiconFeatureCount];
        var count = Math.Max(1, features.Pieces.Count);
        foreach (var (list, at) in new[] { (features.Pieces, 0), (features.NegatedPieces, d) })
        {
            foreach (var piece in list)
            {
                for (var k = 0; k < d; k++)
                {
                    row[at + k] += miniLm.Embeddings[piece * d + k] / count;
                }
            }
        }

        features.Lexicon.CopyTo(row, 2 * d);
        return row;
    }

    /// <summary>Cross-validated predictions for each strength; the Gram matrix of each fold is computed once.</summary>
    private static (double Strength, double[] Predictions) ChooseStrength(double[][] rows, double[] targets, int[] folds, TextWriter log)
    {
        var grams = Enumerable.Range(0, Folds).Select(fold => Ridge.Gram(rows, targets, i => folds[i] == fold)).ToArray();
        (double, double[]) best = (0, []);
        var bestR = double.NegativeInfinity;
        foreach (var strength in Strengths)
        {
            var predictions = new double[rows.Length];
            for (var fold = 0; fold < Folds; fold++)
            {
                var others = Ridge.GramMatrix.Sum(grams.Where((_, f) => f != fold));
                var fit = others.Solve(strength);
                for (var i = 0; i < rows.Length; i++)
                {
                    if (folds[i] == fold)
                    {
                        predictions[i] = fit.Predict(rows[i]);
                    }
                }
            }

            var r = NytSnippets.Pearson(predictions, targets);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ridge strength {strength}: cross-validated Pearson r {r:0.000}"));
            if (r > bestR)
            {
                bestR = r;
                best = (strength, predictions);
            }
        }

        return best;
    }

    /// <summary>
    /// The neutral band (at least <see cref="MinimumNeutralBand"/> wide) that gives the best sum of three-class accuracy
    /// and macro-F1 on the cross-validated predictions (accuracy alone drops the neutral class, whose sentences are the fewest).
    /// </summary>
    private static (double PositiveAbove, double NegativeBelow) Thresholds(double[] predictions, double[] targets)
    {
        var gold = targets.Select(NytSnippets.Class).ToArray();
        (double, double) best = (NytSnippets.NeutralBand, -NytSnippets.NeutralBand);
        var bestAccuracy = -1.0;
        for (var low = -0.30; low <= 0.10; low += 0.01)
        {
            for (var high = low + MinimumNeutralBand; high <= 0.30; high += 0.01)
            {
                var predicted = predictions.Select(v => v > high ? 1 : v < low ? -1 : 0).ToList();
                var (accuracy, macroF1) = NytSnippets.Classes(gold, predicted);
                if (accuracy + macroF1 > bestAccuracy)
                {
                    bestAccuracy = accuracy + macroF1;
                    best = (Math.Round(high, 2), Math.Round(low, 2));
                }
            }
        }

        return best;
    }

    /// <summary>Folds the standardisation and the embedding matrix into one weight per piece.</summary>
    private static ValenceModel ToModel(Ridge fit, MiniLmPackage miniLm, WordPieces pieces, Dictionary<string, double> second, float positiveAbove, float negativeBelow, string description)
    {
        var d = miniLm.Dimensions;
        var raw = fit.RawWeights();
        var words = new float[pieces.Count];
        var negated = new float[pieces.Count];
        for (var p = 0; p < pieces.Count; p++)
        {
            double w = 0, n = 0;
            for (var k = 0; k < d; k++)
            {
                w += raw[k] * miniLm.Embeddings[p * d + k];
                n += raw[d + k] * miniLm.Embeddings[p * d + k];
            }

            words[p] = (float)w;
            negated[p] = (float)n;
        }

        var lexicon = raw[(2 * d)..].Select(w => (float)w).ToArray();
        return new ValenceModel(pieces, words, negated, second, lexicon, (float)fit.RawBias(), positiveAbove, negativeBelow, description);
    }

    private static void Report(ValenceModel model, List<RatedSentence> heldOut, TextWriter log)
    {
        var predicted = heldOut.Select(s =>
        {
            var tokens = Tokenizer.Tokenize(s.Text);
            return model.Valence(ValenceFeatures.Of(s.Text, tokens, 0, tokens.Count, model.Pieces, model.SecondLexicon));
        }).ToList();
        var gold = heldOut.Select(s => s.Rating / 4).ToList();
        var (accuracy, macroF1) = NytSnippets.Classes(gold.Select(NytSnippets.Class).ToList(),
            predicted.Select(v => model.Label(v) switch { SentimentLabel.Positive => 1, SentimentLabel.Negative => -1, _ => 0 }).ToList());
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held out ({heldOut.Count} sentences): Pearson r {NytSnippets.Pearson(predicted, gold):0.000}, accuracy {accuracy:0.000}, macro-F1 {macroF1:0.000}"));
    }
}

/// <summary>
/// Ridge regression with an unpenalised intercept, on features standardised by the whole training part's means and
/// deviations (shared by the cross-validation folds, so a fold's fit is a sum of Gram matrices and one solve).
/// </summary>
internal sealed class Ridge
{
    private readonly Statistics statistics;
    private readonly double[] weights;
    private readonly double intercept;

    private Ridge(Statistics statistics, double[] weights, double intercept)
    {
        this.statistics = statistics;
        this.weights = weights;
        this.intercept = intercept;
    }

    public double Predict(double[] row)
    {
        var value = intercept;
        for (var k = 0; k < row.Length; k++)
        {
            value += weights[k] * (row[k] - statistics.Means[k]) / statistics.Scales[k];
        }

        return value;
    }

    /// <summary>Weights on the unstandardised features.</summary>
    public double[] RawWeights() => weights.Select((w, k) => w / statistics.Scales[k]).ToArray();

    public double RawBias() => intercept - weights.Select((w, k) => w * statistics.Means[k] / statistics.Scales[k]).Sum();

    /// <summary>Z'Z, Z'y, the sums of y and the row count of the selected rows (Z: standardised features).</summary>
    public static GramMatrix Gram(double[][] rows, double[] targets, Func<int, bool> selected)
    {
        var statistics = Statistics.Of(rows);
        var index = Enumerable.Range(0, rows.Length).Where(selected).ToArray();
        var d = rows[0].Length;
        var z = index.Select(i => rows[i].Select((v, k) => (v - statistics.Means[k]) / statistics.Scales[k]).ToArray()).ToArray();
        var y = index.Select(i => targets[i]).ToArray();
        var gram = new double[d * d];
        var zy = new double[d];
        Parallel.For(0, d, a =>
        {
            for (var b = a; b < d; b++)
            {
                double sum = 0;
                for (var i = 0; i < z.Length; i++)
                {
                    sum += z[i][a] * z[i][b];
                }

                gram[a * d + b] = sum;
                gram[b * d + a] = sum;
            }

            double t = 0;
            for (var i = 0; i < z.Length; i++)
            {
                t += z[i][a] * y[i];
            }

            zy[a] = t;
        });
        var zSum = new double[d];
        foreach (var row in z)
        {
            for (var k = 0; k < d; k++)
            {
                zSum[k] += row[k];
            }
        }

        return new GramMatrix(statistics, gram, zy, zSum, y.Sum(), z.Length);
    }

    /// <summary>Sufficient statistics of a ridge fit over some rows; folds add up.</summary>
    internal sealed record GramMatrix(Statistics Statistics, double[] ZZ, double[] ZY, double[] ZSum, double YSum, int Count)
    {
        public static GramMatrix Sum(IEnumerable<GramMatrix> parts)
        {
            var list = parts.ToList();
            var first = list[0];
            var zz = (double[])first.ZZ.Clone();
            var zy = (double[])first.ZY.Clone();
            var zSum = (double[])first.ZSum.Clone();
            foreach (var part in list.Skip(1))
            {
                for (var i = 0; i < zz.Length; i++)
                {
                    zz[i] += part.ZZ[i];
                }

                for (var k = 0; k < zy.Length; k++)
                {
                    zy[k] += part.ZY[k];
                    zSum[k] += part.ZSum[k];
                }
            }

            return new GramMatrix(first.Statistics, zz, zy, zSum, list.Sum(p => p.YSum), list.Sum(p => p.Count));
        }

        /// <summary>Centres the rows (the intercept is unpenalised), adds strength × n to the diagonal, solves.</summary>
        public Ridge Solve(double strength)
        {
            var d = ZY.Length;
            var n = (double)Count;
            var meanY = YSum / n;
            var a = new double[d * d];
            var b = new double[d];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    a[i * d + j] = ZZ[i * d + j] - ZSum[i] * ZSum[j] / n;
                }

                a[i * d + i] += strength * n;
                b[i] = ZY[i] - ZSum[i] * meanY;
            }

            var w = Cholesky.Solve(a, b, d);
            var intercept = meanY - w.Select((v, k) => v * ZSum[k] / n).Sum();
            return new Ridge(Statistics, w, intercept);
        }
    }

    internal sealed record Statistics(double[] Means, double[] Scales)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<double[][], Statistics> Cache = [];

        /// <summary>Means and standard deviations of every column (1 where a column is constant); computed once per row set.</summary>
        public static Statistics Of(double[][] rows) => Cache.GetValue(rows, static rows =>
        {
            var d = rows[0].Length;
            var means = new double[d];
            var scales = new double[d];
            for (var k = 0; k < d; k++)
            {
                means[k] = rows.Average(r => r[k]);
                var variance = rows.Average(r => (r[k] - means[k]) * (r[k] - means[k]));
                scales[k] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
            }

            return new Statistics(means, scales);
        });
    }

    private static class Cholesky
    {
        /// <summary>Solves A x = b for a symmetric positive definite A (row-major d × d), overwriting A.</summary>
        public static double[] Solve(double[] a, double[] b, int d)
        {
            for (var j = 0; j < d; j++)
            {
                var sum = a[j * d + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= a[j * d + k] * a[j * d + k];
                }

                a[j * d + j] = Math.Sqrt(sum);
                for (var i = j + 1; i < d; i++)
                {
                    var s = a[i * d + j];
                    for (var k = 0; k < j; k++)
                    {
                        s -= a[i * d + k] * a[j * d + k];
                    }

                    a[i * d + j] = s / a[j * d + j];
                }
            }

            var y = new double[d];
            for (var i = 0; i < d; i++)
            {
                var s = b[i];
                for (var k = 0; k < i; k++)
                {
                    s -= a[i * d + k] * y[k];
                }

                y[i] = s / a[i * d + i];
            }

            var x = new double[d];
            for (var i = d - 1; i >= 0; i--)
            {
                var s = y[i];
                for (var k = i + 1; k < d; k++)
                {
                    s -= a[k * d + i] * x[k];
                }

                x[i] = s / a[i * d + i];
            }

            return x;
        }
    }
}
