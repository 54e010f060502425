namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>Scores of each label for a token's features.</summary>
internal interface IEmissionWeights
{
    void AddScores(ReadOnlySpan<int> features, Span<float> scores);
}

/// <summary>Adds the static emission scores of tokens [start, end) to a sentence's score rows.</summary>
internal delegate void StaticScores(int start, int end, Span<float> scores);

/// <summary>One decoded sentence: its history features token by token (<c>HistoryStarts</c> indexes them) and the labels chosen.</summary>
internal readonly record struct DecodedSentence(int Start, int End, List<int> History, int[] HistoryStarts, int[] Labels);

/// <summary>
/// Tags a text sentence by sentence, in order. Besides its static features, a capitalised word gets the types it was
/// given earlier in the same text ("extended prediction history", Ratinov and Roth 2009), so a name tagged in a clear
/// context informs its later mentions.
/// </summary>
internal sealed class DocumentDecoder(FeatureExtractor extractor, TagSet tags)
{
    public int[] Tag(TaggerInput input, StaticScores staticScores, IEmissionWeights weights, float[] transitions, Action<DecodedSentence>? onSentence = null)
    {
        var labels = new int[input.Words.Length];
        var history = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var historyFeatures = new List<int>(16);
        foreach (var (start, end) in input.Sentences)
        {
            var n = end - start;
            var emissions = new float[n * tags.Count];
            staticScores(start, end, emissions);
            historyFeatures.Clear();
            var starts = new int[n + 1];
            for (var i = start; i < end; i++)
            {
                var from = historyFeatures.Count;
                AddHistory(input.Words[i], history, historyFeatures);
                starts[i - start + 1] = historyFeatures.Count;
                if (historyFeatures.Count > from)
                {
                    var added = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(historyFeatures)[from..];
                    weights.AddScores(added, emissions.AsSpan((i - start) * tags.Count, tags.Count));
                }
            }

            Viterbi.Decode(emissions, n, tags.Count, transitions, labels.AsSpan(start, n));
            onSentence?.Invoke(new DecodedSentence(start, end, historyFeatures, starts, labels));
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

        var total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

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
