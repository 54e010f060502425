namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// The second pass over a tagged text: repeated names get one type. A capitalised word that is part of a person's
/// full name elsewhere in the text is that person (<c>Zakharova</c> after <c>Maria Zakharova</c>); a name tagged with
/// different types in different places takes the type it has most often.
/// </summary>
internal static class DocumentConsistency
{
    public static void Apply(TaggerInput input, int[] labels, int personType)
    {
        if (personType >= 0)
        {
            PersonNameParts(input, labels, personType);
        }

        MajorityType(input, labels);
    }

    private static void PersonNameParts(TaggerInput input, int[] labels, int personType)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end, type) in TagSet.Spans(labels, 0, labels.Length))
        {
            if (type != personType || end - start < 2)
            {
                continue;
            }

            for (var i = start; i < end; i++)
            {
                if (input.Words[i].Length > 1 && char.IsUpper(input.Words[i][0]))
                {
                    parts.Add(input.Words[i]);
                }
            }
        }

        if (parts.Count == 0)
        {
            return;
        }

        foreach (var (start, end) in input.Sentences)
        {
            var i = start;
            while (i < end)
            {
                if (!parts.Contains(input.Words[i]) || !IsLoneOrOutside(labels, i, end))
                {
                    i++;
                    continue;
                }

                var runEnd = i + 1;
                while (runEnd < end && parts.Contains(input.Words[runEnd]) && IsLoneOrOutside(labels, runEnd, end))
                {
                    runEnd++;
                }

                labels[i] = TagSet.Begin(personType);
                for (var k = i + 1; k < runEnd; k++)
                {
                    labels[k] = TagSet.Inside(personType);
                }

                i = runEnd;
            }
        }
    }

    /// <summary>Outside any entity, or a one-token entity of its own.</summary>
    private static bool IsLoneOrOutside(int[] labels, int i, int end) =>
        labels[i] == 0 || (!TagSet.IsInside(labels[i]) && (i + 1 >= end || !TagSet.IsInside(labels[i + 1])));

    private static void MajorityType(TaggerInput input, int[] labels)
    {
        var spans = TagSet.Spans(labels, 0, labels.Length).ToList();
        var byText = spans.GroupBy(s => string.Join(' ', input.Words[s.Start..s.End]), StringComparer.Ordinal);
        foreach (var group in byText)
        {
            var counts = group.GroupBy(s => s.Type).Select(g => (Type: g.Key, Count: g.Count())).OrderByDescending(c => c.Count).ToList();
            if (counts.Count < 2 || counts[0].Count == counts[1].Count)
            {
                continue;
            }

            foreach (var (start, end, _) in group)
            {
                labels[start] = TagSet.Begin(counts[0].Type);
                for (var k = start + 1; k < end; k++)
                {
                    labels[k] = TagSet.Inside(counts[0].Type);
                }
            }
        }
    }
}
