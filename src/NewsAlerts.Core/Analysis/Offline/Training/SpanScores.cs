using System.Globalization;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>Exact-span precision, recall and F1 per entity type: a predicted entity counts when its span and type equal a gold one.</summary>
public sealed class SpanScores
{
    private readonly SortedDictionary<string, (int Correct, int Predicted, int Gold)> counts = new(StringComparer.Ordinal);

    public void Add(IEnumerable<(int Offset, int Length, string Type)> gold, IEnumerable<(int Offset, int Length, string Type)> predicted)
    {
        var goldSet = gold.ToHashSet();
        var predictedSet = predicted.ToHashSet();
        foreach (var type in goldSet.Select(g => g.Type).Concat(predictedSet.Select(p => p.Type)).Distinct())
        {
            var (correct, predictedCount, goldCount) = counts.GetValueOrDefault(type);
            counts[type] = (
                correct + predictedSet.Count(p => p.Type == type && goldSet.Contains(p)),
                predictedCount + predictedSet.Count(p => p.Type == type),
                goldCount + goldSet.Count(g => g.Type == type));
        }
    }

    public IReadOnlyCollection<string> Types => counts.Keys;

    public (int Correct, int Predicted, int Gold) Of(string type) => counts.GetValueOrDefault(type);

    /// <summary>The counts summed over <paramref name="types"/> (micro average).</summary>
    public (int Correct, int Predicted, int Gold) Micro(IEnumerable<string> types) =>
        types.Select(Of).Aggregate((0, 0, 0), (a, c) => (a.Item1 + c.Correct, a.Item2 + c.Predicted, a.Item3 + c.Gold));

    public static (double Precision, double Recall, double F1) Rates((int Correct, int Predicted, int Gold) c)
    {
        var precision = c.Predicted == 0 ? 0 : (double)c.Correct / c.Predicted;
        var recall = c.Gold == 0 ? 0 : (double)c.Correct / c.Gold;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    /// <summary>A Markdown table: one row per type, then micro averages over all types and over <paramref name="mainTypes"/>.</summary>
    public IEnumerable<string> Table(IReadOnlyList<string> mainTypes)
    {
        yield return "| type | gold | predicted | precision | recall | F1 |";
        yield return "|---|---:|---:|---:|---:|---:|";
        foreach (var type in counts.Keys)
        {
            yield return Row(type, Of(type));
        }

        yield return Row("micro, all types", Micro(counts.Keys));
        yield return Row($"micro, {string.Join(" ", mainTypes)}", Micro(mainTypes));
    }

    private static string Row(string name, (int Correct, int Predicted, int Gold) c)
    {
        var (precision, recall, f1) = Rates(c);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {c.Gold:N0} | {c.Predicted:N0} | {precision:0.000} | {recall:0.000} | {f1:0.000} |");
    }
}
