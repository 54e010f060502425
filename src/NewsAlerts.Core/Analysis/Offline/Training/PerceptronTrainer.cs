using System.Diagnostics;
using System.Globalization;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>
/// Trains the tagger as an averaged structured perceptron (Collins 2002): each training sentence is decoded with
/// the current weights (Viterbi), and where the best sequence differs from the gold one, the gold features and
/// transitions gain 1 and the predicted ones lose 1. The saved weights are the average over all steps, which
/// generalises far better than the last ones. Documents are shuffled each epoch with the seed, so a run is reproducible.
/// </summary>
internal sealed class PerceptronTrainer(TrainingSettings settings, TextWriter log)
{
    private static readonly string[] PreferredTypeOrder = ["PER", "ORG", "LOC", "MISC"];

    public TaggerModel Train(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> dev, Lexicon lexicon)
    {
        var types = train.SelectMany(d => d.Entities.Select(e => e.Type)).Distinct()
            .OrderBy(t => Array.IndexOf(PreferredTypeOrder, t) is var i and >= 0 ? i : PreferredTypeOrder.Length)
            .ThenBy(t => t, StringComparer.Ordinal).ToArray();
        var tags = new TagSet(types);
        var extractor = new FeatureExtractor(lexicon, settings.Bits);
        var decoder = new DocumentDecoder(extractor, tags);
        var watch = Stopwatch.StartNew();
        var examples = train.Select(d => Prepare(d, extractor, types)).ToList();
        var devExamples = dev.Select(d => Prepare(d, extractor, types)).ToList();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{train.Count} training documents ({examples.Sum(e => e.Input.Tokens.Count):N0} tokens), {dev.Count} dev documents; types {string.Join(", ", types)}; features extracted in {watch.Elapsed.TotalSeconds:0.0} s"));

        var weights = new AveragedWeights(settings.Bits, tags.Count);
        var random = new Random(settings.Seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            watch.Restart();
            random.Shuffle(order);
            var mistakes = 0;
            foreach (var index in order)
            {
                var example = examples[index];
                decoder.Tag(example.Input, example.Scores(weights), weights, weights.Transitions, sentence =>
                {
                    mistakes += weights.Update(sentence, example.Features, example.Gold) ? 1 : 0;
                    weights.Tick();
                });
            }

            var averaged = weights.Averaged();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{settings.Epochs}: {mistakes:N0} sentences corrected, {watch.Elapsed.TotalSeconds:0.0} s"));
            if (devExamples.Count > 0)
            {
                var scores = Evaluate(devExamples, decoder, averaged, tags);
                foreach (var line in scores.Table(types.Where(t => t != "MISC").ToArray()))
                {
                    log.WriteLine(line);
                }
            }

            if (epoch == settings.Epochs)
            {
                return averaged.ToModel(types, lexicon, settings.Description);
            }
        }

        throw new InvalidOperationException("Training needs at least one epoch.");
    }

    private static SpanScores Evaluate(List<Example> examples, DocumentDecoder decoder, DenseWeights weights, TagSet tags)
    {
        var scores = new SpanScores();
        var person = tags.Types.ToList().IndexOf("PER");
        foreach (var example in examples)
        {
            var labels = decoder.Tag(example.Input, example.Scores(weights), weights, weights.Transitions);
            DocumentConsistency.Apply(example.Input, labels, person);
            scores.Add(Spans(example.Input, example.Gold, tags), Spans(example.Input, labels, tags));
        }

        return scores;
    }

    private static IEnumerable<(int, int, string)> Spans(TaggerInput input, int[] labels, TagSet tags) =>
        TagSet.Spans(labels, 0, labels.Length).Select(s =>
            (input.Tokens[s.Start].Offset, input.Tokens[s.End - 1].End - input.Tokens[s.Start].Offset, tags.Types[s.Type]));

    private static Example Prepare(LabeledText document, FeatureExtractor extractor, IReadOnlyList<string> types)
    {
        var input = new TaggerInput(document.Text, Tokenizer.Tokenize(document.Text));
        return new Example(input, extractor.Extract(input), ConllReader.LabelsOf(document, input, types));
    }

    private sealed record Example(TaggerInput Input, FeatureTable Features, int[] Gold)
    {
        /// <summary>Static scores from the current weights, as each sentence is decoded.</summary>
        public StaticScores Scores(IEmissionWeights weights) => (start, end, scores) =>
        {
            var labels = scores.Length / (end - start);
            for (var i = start; i < end; i++)
            {
                weights.AddScores(Features.Of(i), scores.Slice((i - start) * labels, labels));
            }
        };
    }
}

/// <summary>What a training run uses: hash bits (2^bits feature ids), epochs, seed, and the description saved in the model.</summary>
internal sealed record TrainingSettings(int Bits, int Epochs, int Seed, string Description);

/// <summary>Weights in one dense array by feature id and label.</summary>
internal class DenseWeights(int bits, int labels) : IEmissionWeights
{
    public int Bits { get; } = bits;

    public int Labels { get; } = labels;

    public float[] Values { get; } = new float[(1 << bits) * labels];

    public float[] Transitions { get; } = new float[(labels + 1) * labels];

    public void AddScores(ReadOnlySpan<int> features, Span<float> scores)
    {
        foreach (var feature in features)
        {
            var row = Values.AsSpan(feature * Labels, Labels);
            for (var y = 0; y < row.Length; y++)
            {
                scores[y] += row[y];
            }
        }
    }

    /// <summary>The model with every feature that has a weight.</summary>
    public TaggerModel ToModel(IReadOnlyList<string> types, Lexicon lexicon, string description)
    {
        var rows = new List<(int, float[])>();
        for (var id = 0; id < 1 << Bits; id++)
        {
            var row = Values.AsSpan(id * Labels, Labels);
            var max = 0f;
            foreach (var w in row)
            {
                max = Math.Max(max, Math.Abs(w));
            }

            if (max > 1e-3f)
            {
                rows.Add((id, row.ToArray()));
            }
        }

        return new TaggerModel(types, Bits, (float[])Transitions.Clone(), rows, lexicon, description);
    }
}

/// <summary>
/// Perceptron weights with the running sums for averaging (Daumé's trick: on each update add step × change to a
/// second array; the average is then weights − sums / steps, with no pass over all weights per step).
/// </summary>
internal sealed class AveragedWeights(int bits, int labels) : DenseWeights(bits, labels)
{
    private readonly float[] sums = new float[(1 << bits) * labels];
    private readonly float[] transitionSums = new float[(labels + 1) * labels];
    private int step = 1;

    public void Tick() => step++;

    /// <summary>Moves the weights toward the gold labels of the sentence where the prediction differs; true if it did.</summary>
    public bool Update(DecodedSentence sentence, FeatureTable features, int[] gold)
    {
        var changed = false;
        var history = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sentence.History);
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            var (g, p) = (gold[i], sentence.Labels[i]);
            var (previousGold, previousPredicted) = i == sentence.Start ? (-1, -1) : (gold[i - 1], sentence.Labels[i - 1]);
            if (g != p)
            {
                changed = true;
                var t = i - sentence.Start;
                foreach (var feature in features.Of(i))
                {
                    Add(Values, sums, feature * Labels + g, 1);
                    Add(Values, sums, feature * Labels + p, -1);
                }

                foreach (var feature in history[sentence.HistoryStarts[t]..sentence.HistoryStarts[t + 1]])
                {
                    Add(Values, sums, feature * Labels + g, 1);
                    Add(Values, sums, feature * Labels + p, -1);
                }
            }

            if (g != p || previousGold != previousPredicted)
            {
                Add(Transitions, transitionSums, (previousGold + 1) * Labels + g, 1);
                Add(Transitions, transitionSums, (previousPredicted + 1) * Labels + p, -1);
            }
        }

        return changed;
    }

    public DenseWeights Averaged()
    {
        var averaged = new DenseWeights(Bits, Labels);
        for (var i = 0; i < Values.Length; i++)
        {
            averaged.Values[i] = Values[i] - sums[i] / step;
        }

        for (var i = 0; i < Transitions.Length; i++)
        {
            averaged.Transitions[i] = Transitions[i] - transitionSums[i] / step;
        }

        return averaged;
    }

    private void Add(float[] values, float[] runningSums, int index, float change)
    {
        values[index] += change;
        runningSums[index] += step * change;
    }
}
