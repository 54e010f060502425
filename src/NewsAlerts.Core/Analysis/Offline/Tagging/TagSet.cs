namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// BIO labels over the entity types of the training data: 0 is <c>O</c>, then <c>B-type</c> and <c>I-type</c> for each
/// type. <c>I-type</c> may only follow <c>B-type</c> or <c>I-type</c> (the decoder enforces it).
/// </summary>
internal sealed class TagSet
{
    public TagSet(IReadOnlyList<string> types)
    {
        Types = types;
        Count = 1 + 2 * types.Count;
    }

    public IReadOnlyList<string> Types { get; }

    /// <summary>The number of labels.</summary>
    public int Count { get; }

    public static int Begin(int type) => 1 + 2 * type;

    public static int Inside(int type) => 2 + 2 * type;

    /// <summary>The type of a label, or -1 for <c>O</c>.</summary>
    public static int TypeOf(int label) => label == 0 ? -1 : (label - 1) / 2;

    public static bool IsInside(int label) => label > 0 && label % 2 == 0;

    public string Name(int label) => label == 0 ? "O" : (IsInside(label) ? "I-" : "B-") + Types[TypeOf(label)];

    /// <summary>Whether <paramref name="label"/> may follow <paramref name="previous"/> (-1: the sentence start).</summary>
    public static bool Allowed(int previous, int label) =>
        !IsInside(label) || (previous > 0 && TypeOf(previous) == TypeOf(label));

    /// <summary>Entity spans [Start, End) of a label sequence, with their type.</summary>
    public static IEnumerable<(int Start, int End, int Type)> Spans(int[] labels, int from, int to)
    {
        var i = from;
        while (i < to)
        {
            if (labels[i] == 0)
            {
                i++;
                continue;
            }

            var type = TypeOf(labels[i]);
            var end = i + 1;
            while (end < to && IsInside(labels[end]) && TypeOf(labels[end]) == type)
            {
                end++;
            }

            yield return (i, end, type);
            i = end;
        }
    }
}
