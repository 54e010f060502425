namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>Scores of each label for a token's features.</summary>
internal interface IEmissionWeights
{
    void AddScores(ReadOnlySpan<int> features, Span<float> scores);
}

/// <summary>The features one sentence was decoded with, token by token, and the labels chosen.</summary>
internal readonly record struct DecodedSentence(int Start, int End, List<int> Features, int[] FeatureStarts, int[] Labels);

/// <summary>
/// Tags a text sentence by sentence, in order. Besides its static features, a capitalised word gets the types it was
/// given earlier in the same text ("extended prediction history", Ratinov and Roth 2009), so a name tagged in a clear
/// context informs its later mentions.
/// </summary>
internal sealed class DocumentDecoder(FeatureExtractor extractor, TagSet tags)
{
    public int[] Tag(TaggerInput input, FeatureTable table, IEmissionWeights weights, float[] transitions, Action<DecodedSentence>? onSentence = null)
    {
        var labels = new int[input.Words.Length];
        var history = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var features = new List<int>(256);
        foreach (var (start, end) in input.Sentences)
        {
            var n = end - start;
            features.Clear();
            var starts = new int[n + 1];
            for (var i = start; i < end; i++)
            {
                features.AddRange(table.Of(i));
                AddHistory(input.Words[i], history, features);
                starts[i - start + 1] = features.Count;
            }

            var emissions = new float[n * tags.Count];
            var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(features);
            for (var t = 0; t < n; t++)
            {
                weights.AddScores(all[starts[t]..starts[t + 1]], emissions.AsSpan(t * tags.Count, tags.Count));
            }

            var best = labels.AsSpan(start, n);
            Viterbi.Decode(emissions, n, tags.Count, transitions, best);
            onSentence?.Invoke(new DecodedSentence(start, end, features, starts, labels));
            Remember(input.Words, labels, start, end, history);
        }

        return labels;
    }

    private void AddHistory(string word, Dictionary<string, int[]> history, List<int> features)
    {
        if (!char.IsUpper(word[0]) || !history.TryGetValue(word, out var counts))
        {
            return;
        }

        var total = counts.Sum();
        for (var type = 0; type < counts.Length; type++)
        {
            if (counts[type] > 0)
            {
                features.Add(extractor.HistoryFeature(type, counts[type] * 2 > total));
            }
        }
    }

    private void Remember(string[] words, int[] labels, int start, int end, Dictionary<string, int[]> history)
    {
        for (var i = start; i < end; i++)
        {
            if (!char.IsUpper(words[i][0]))
            {
                continue;
            }

            if (!history.TryGetValue(words[i], out var counts))
            {
                counts = new int[tags.Types.Count + 1];
                history[words[i]] = counts;
            }

            counts[TagSet.TypeOf(labels[i]) + 1]++;
        }
    }
}
