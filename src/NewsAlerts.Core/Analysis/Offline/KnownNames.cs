using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>An entity as a token range [Start, End) with its category.</summary>
internal readonly record struct NameSpan(int Start, int End, string Category, string? Subcategory, double Confidence);

/// <summary>
/// Turns the tagger's spans into categorised names and corrects them with what the project knows: an organisation of
/// the built-in gazetteer is one (<c>Kremlin</c> is an organisation here, whatever Reuters' 1996 annotators made of
/// it), a nationality before a known name is a name of its own (<c>Russian</c> | <c>Ria Novosti</c>), and an untagged
/// capitalised name headed by an organisation word is one organisation (<c>Russian</c> | <c>Foreign Ministry</c>,
/// <c>Ministry of Foreign Affairs</c>). Each correction was kept only where it cost nothing on CoNLL-2003 dev.
/// </summary>
internal sealed class KnownNames(Gazetteer builtIn, HashSet<string> demonyms)
{
    public const double KnownConfidence = 0.9;
    private const double TaggedConfidence = 0.7;

    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "of", "for" };

    private static readonly HashSet<string> CommonWords = new(EmbeddedData.Words("common-words.txt"), StringComparer.OrdinalIgnoreCase);

    public List<NameSpan> Correct(TaggerInput input, List<(int Start, int End, string Type)> tagged)
    {
        var spans = tagged.Where(t => !IsCommonWordHeading(input, t.Start, t.End))
            .Select(t => FromTagger(input, t.Start, TrimSentenceEnd(input, t.Start, t.End), t.Type)).ToList();
        ApplyGazetteer(input, spans);
        ApplyOrganizationHeads(input, spans);
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    /// <summary>A whole line of common English words in title case, such as a page's <c>Similar Posts</c>: a heading, not a name.</summary>
    private static bool IsCommonWordHeading(TaggerInput input, int start, int end)
    {
        var text = input.Text;
        var lineStart = start == 0 || text.AsSpan(input.Tokens[start - 1].End, input.Tokens[start].Offset - input.Tokens[start - 1].End).Contains('\n');
        var lineEnd = end == input.Tokens.Count || text.AsSpan(input.Tokens[end - 1].End, input.Tokens[end].Offset - input.Tokens[end - 1].End).Contains('\n');
        return lineStart && lineEnd && end - start > 1 && input.Words[start..end].All(CommonWords.Contains);
    }

    /// <summary>
    /// Drops a final dot that ends the sentence rather than an abbreviation: CoNLL's <c>U.S.</c> and <c>Corp.</c> become
    /// two tokens each, both in the name, and the tagger sometimes takes the full stop after <c>ISIS</c> too.
    /// </summary>
    private static int TrimSentenceEnd(TaggerInput input, int start, int end) =>
        end - start > 1 && input.Words[end - 1] == "." && !SentenceSplitter.IsAbbreviation(input.Words[end - 2]) ? end - 1 : end;

    /// <summary>The category of a tagged span; the built-in gazetteer's subcategory (<c>Country</c>) where it lists the same name.</summary>
    private NameSpan FromTagger(TaggerInput input, int start, int end, string type)
    {
        var category = type switch
        {
            "PER" => EntityCategories.Person,
            "ORG" => EntityCategories.Organization,
            "LOC" => EntityCategories.Location,
            "MISC" => EntityCategories.Misc,
            _ => type,
        };
        if (builtIn.LongestAt(input.Text, input.Tokens, start, end) is { } known && known.Words.Length == end - start && known.Category == category)
        {
            return new NameSpan(start, end, category, known.Subcategory, KnownConfidence);
        }

        var nationality = category == EntityCategories.Misc && end - start == 1 && demonyms.Contains(input.Words[start]);
        return new NameSpan(start, end, category, nationality ? "Nationality" : null, TaggedConfidence);
    }

    /// <summary>
    /// Built-in organisation names: one the tagger left untagged is added; one it tagged with the same span becomes an
    /// organisation; one it ran together with a nationality before it is split. A name inside a longer tagged name is
    /// left to the tagger. Built-in places are not applied: in sports news a city is often its team (CoNLL tags
    /// <c>Barcelona</c> in a results table as an organisation), and overriding the tagger there cost 2.5 points of
    /// location precision on CoNLL-2003 dev.
    /// </summary>
    private void ApplyGazetteer(TaggerInput input, List<NameSpan> spans)
    {
        var i = 0;
        while (i < input.Tokens.Count)
        {
            if (!char.IsUpper(input.Words[i][0]) || builtIn.LongestAt(input.Text, input.Tokens, i, input.Tokens.Count) is not { } name
                || name.Category != EntityCategories.Organization)
            {
                i++;
                continue;
            }

            var end = i + name.Words.Length;
            var overlapping = spans.FindIndex(s => s.Start < end && s.End > i);
            var known = new NameSpan(i, end, name.Category, name.Subcategory, KnownConfidence);
            if (overlapping < 0)
            {
                spans.Add(known);
            }
            else if (overlapping >= 0 && spans[overlapping] is var span && span.End == end && (span.Start == i || IsNationalities(input, span.Start, i)))
            {
                spans[overlapping] = known;
                for (var k = span.Start; k < i; k++)
                {
                    spans.Add(new NameSpan(k, k + 1, EntityCategories.Misc, "Nationality", TaggedConfidence));
                }
            }

            i = end;
        }
    }

    /// <summary>A capitalised run ending in an organisation word, or starting with one before <c>of</c>, is one organisation.</summary>
    private void ApplyOrganizationHeads(TaggerInput input, List<NameSpan> spans)
    {
        foreach (var (sentenceStart, sentenceEnd) in input.Sentences)
        {
            var i = sentenceStart;
            while (i < sentenceEnd)
            {
                var end = CapitalisedRunEnd(input.Words, i, sentenceEnd);
                if (end > i + 1 && IsOrganizationHeaded(input.Words, i, end))
                {
                    var start = i;
                    while (start < end - 1 && (demonyms.Contains(input.Words[start]) || (start == sentenceStart && input.Words[start] == "The")))
                    {
                        start++;
                    }

                    Replace(input, spans, i, start, end);
                }

                i = Math.Max(end, i + 1);
            }
        }
    }

    /// <summary>
    /// Makes [start, end) one organisation where the tagger found nothing, or only parts of a name headed by an
    /// organisation word before <c>of</c> (<c>Israeli Ministry</c> and <c>Foreign Affairs</c> in <c>Israeli Ministry of
    /// Foreign Affairs</c>).
    /// </summary>
    private static void Replace(TaggerInput input, List<NameSpan> spans, int runStart, int start, int end)
    {
        var overlapping = spans.Where(s => s.Start < end && s.End > start).ToList();
        var headedPart = end - start >= 2 && overlapping.Count > 0 && Cues.OrganizationWords.Contains(input.Words[start]) && input.Words[start + 1] == "of"
            && overlapping.All(s => s.End <= end && (s.Start > start + 1 || (s.Category == EntityCategories.Organization && s.Start >= runStart)));
        if (end - start < 2 || (overlapping.Count > 0 && !headedPart))
        {
            return;
        }

        spans.RemoveAll(s => s.Start < end && s.End > (headedPart ? runStart : start));
        spans.Add(new NameSpan(start, end, EntityCategories.Organization, null, TaggedConfidence));
        for (var k = runStart; k < start; k++)
        {
            if (input.Words[k] != "The" && !spans.Any(s => s.Start <= k && s.End > k))
            {
                spans.Add(new NameSpan(k, k + 1, EntityCategories.Misc, "Nationality", TaggedConfidence));
            }
        }
    }

    private static int CapitalisedRunEnd(string[] words, int start, int limit)
    {
        if (!IsCapitalisedWord(words[start]))
        {
            return start;
        }

        var end = start + 1;
        while (end < limit)
        {
            if (IsCapitalisedWord(words[end]))
            {
                end++;
            }
            else if (Joiners.Contains(words[end]) && end + 1 < limit && IsCapitalisedWord(words[end + 1]))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private static bool IsOrganizationHeaded(string[] words, int start, int end) =>
        (Cues.OrganizationWords.Contains(words[end - 1]) && !Lexicon.IsAllCaps(words[end - 1]))
        || Enumerable.Range(start, end - start - 1).Any(k => Cues.OrganizationWords.Contains(words[k]) && words[k + 1] == "of");

    private static bool IsCapitalisedWord(string word) => word.Length > 1 && char.IsUpper(word[0]) && char.IsLetter(word[0]);

    private bool IsNationalities(TaggerInput input, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (!demonyms.Contains(input.Words[k]))
            {
                return false;
            }
        }

        return true;
    }
}
