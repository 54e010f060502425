using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// Finds named entities in two steps. First, capitalised spans (capitalised words joined by <c>of</c>, <c>de</c>,
/// hyphens...) are cut into known names from the <see cref="Gazetteer"/> and unknown runs; an unknown run is classified
/// by cues around it (a title or role before it or a reporting verb after it: a person; a suffix such as <c>Ministry</c>
/// or a cue such as <c>the daily</c>: an organisation; a suffix such as <c>River</c> or <c>in</c> before it: a place).
/// Second, a run left unclassified takes the category of the same words found elsewhere in the article (a surname
/// after the full name). Dates and quantities come from patterns.
/// </summary>
internal sealed partial class EntityRecognizer(Gazetteer gazetteer, HashSet<string> demonyms, HashSet<string> firstNames)
{
    private const double KnownName = 0.9;
    private const double WithCue = 0.7;
    private const double Guess = 0.4;

    public List<Entity> Recognize(string text, List<Token> tokens)
    {
        var context = new SpanContext(text, tokens);
        var entities = new List<Entity>();
        var unresolved = new List<(int Start, int End)>();
        var i = 0;
        while (i < tokens.Count)
        {
            var end = context.SpanEnd(i);
            if (end == i)
            {
                i++;
                continue;
            }

            ClassifySpan(context, i, end, entities, unresolved);
            i = end;
        }

        ResolveFromOtherMentions(context, entities, unresolved);
        AddPatterns(text, tokens, entities);
        entities.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return entities;
    }

    private void ClassifySpan(SpanContext context, int start, int end, List<Entity> entities, List<(int, int)> unresolved)
    {
        start = SkipLeadingNonNames(context, start, end);
        if (start >= end)
        {
            return;
        }

        var whole = gazetteer.LongestAt(context.Text, context.Tokens, start, end);
        if (whole is not null && whole.Words.Length == end - start)
        {
            entities.Add(context.Entity(start, end, whole.Category, whole.Subcategory, KnownName));
            return;
        }

        if (context.HasOrganizationWord(start, end))
        {
            entities.Add(context.Entity(start, end, EntityCategories.Organization, null, WithCue));
            return;
        }

        Segment(context, start, end, entities, unresolved);
    }

    /// <summary>Drops sentence-initial common words (<c>Due</c>, <c>Another</c>) and leading demonyms (<c>Russian</c>).</summary>
    private int SkipLeadingNonNames(SpanContext context, int start, int end)
    {
        while (start < end && gazetteer.LongestAt(context.Text, context.Tokens, start, end) is null)
        {
            var word = context.Word(start);
            var common = context.IsSentenceStart(start) && (context.IsCommonWord(word) || IsSentenceOpenerBeforeConnector(context, start));
            if (!common && !demonyms.Contains(word) && word != "The")
            {
                break;
            }

            start++;
            while (start < end && !context.IsCapitalised(start))
            {
                start++;
            }
        }

        return start;
    }

    /// <summary><c>Shares of Acme Holdings</c>: a first word that heads no name, followed by <c>of</c>, is not part of the name.</summary>
    private static bool IsSentenceOpenerBeforeConnector(SpanContext context, int index)
    {
        var word = context.Word(index);
        return index + 1 < context.Tokens.Count && Cues.Connectors.Contains(context.Word(index + 1))
            && !Cues.OrganizationWords.Contains(word) && !Cues.LocationWords.Contains(word) && !Cues.EventWords.Contains(word);
    }

    /// <summary>Cuts a span into gazetteer names, title-led people and unknown runs.</summary>
    private void Segment(SpanContext context, int start, int end, List<Entity> entities, List<(int, int)> unresolved)
    {
        var p = start;
        var afterTitle = false;
        while (p < end)
        {
            if (!context.IsCapitalised(p))
            {
                p++;
                continue;
            }

            var known = gazetteer.LongestAt(context.Text, context.Tokens, p, end);
            if (known is not null)
            {
                entities.Add(context.Entity(p, p + known.Words.Length, known.Category, known.Subcategory, KnownName));
                p += known.Words.Length;
                afterTitle = false;
                continue;
            }

            var isTitle = Cues.Titles.Contains(context.Word(p)) || (context.IsSentenceStart(p) && Cues.RolesBefore.Contains(context.Word(p)));
            if (isTitle || demonyms.Contains(context.Word(p)))
            {
                afterTitle |= isTitle;
                p++;
                continue;
            }

            var runEnd = p + 1;
            while (runEnd < end && gazetteer.LongestAt(context.Text, context.Tokens, runEnd, end) is null && !Cues.Titles.Contains(context.Word(runEnd)))
            {
                runEnd++;
            }

            runEnd = context.TrimTrailingJoiners(p, runEnd);
            ClassifyRun(context, p, runEnd, afterTitle, entities, unresolved);
            afterTitle = false;
            p = Math.Max(runEnd, p + 1);
        }
    }

    private void ClassifyRun(SpanContext context, int start, int end, bool afterTitle, List<Entity> entities, List<(int, int)> unresolved)
    {
        if (context.Tokens[start].Kind != TokenKind.Word || end <= start)
        {
            return;
        }

        var (category, confidence) = RunCategory(context, start, end, afterTitle);
        if (category is null)
        {
            unresolved.Add((start, end));
            return;
        }

        entities.Add(context.Entity(start, end, category, null, confidence));
    }

    private (string? Category, double Confidence) RunCategory(SpanContext context, int start, int end, bool afterTitle)
    {
        var before = context.LowerWordBefore(start);
        var lastWord = context.Word(end - 1);
        if (afterTitle || (before is not null && Cues.RolesBefore.Contains(before)) || context.PersonCueAfter(end))
        {
            return (EntityCategories.Person, WithCue);
        }

        if (Cues.EventWords.Contains(lastWord) || (end - start > 1 && Cues.EventWords.Contains(context.Word(start))))
        {
            return (EntityCategories.Event, WithCue);
        }

        if (Cues.LocationWords.Contains(lastWord))
        {
            return (EntityCategories.Location, WithCue);
        }

        if (before is not null && (Cues.OrganizationsBefore.Contains(before) || (before == "the" && end - start > 1)))
        {
            return (EntityCategories.Organization, WithCue);
        }

        if (firstNames.Contains(context.Word(start)) && end - start > 1)
        {
            return (EntityCategories.Person, WithCue);
        }

        if (before is not null && Cues.LocationsBefore.Contains(before) && end - start == 1)
        {
            return (EntityCategories.Location, Guess);
        }

        return (null, 0);
    }

    /// <summary>
    /// An unclassified run takes the category of an entity whose words include it (<c>Zakharova</c> after
    /// <c>Maria Zakharova</c>); multi-word runs still unknown are guessed to be people, single words are dropped.
    /// </summary>
    private static void ResolveFromOtherMentions(SpanContext context, List<Entity> entities, List<(int Start, int End)> unresolved)
    {
        var stillUnresolved = ResolveRuns(context, entities, unresolved.Where(r => r.End - r.Start > 1), guessPeople: true);
        ResolveRuns(context, entities, unresolved.Where(r => r.End - r.Start == 1).Concat(stillUnresolved), guessPeople: false);
    }

    /// <summary>Gives runs the category of matching entity words; returns the runs left.</summary>
    private static List<(int Start, int End)> ResolveRuns(SpanContext context, List<Entity> entities, IEnumerable<(int Start, int End)> runs, bool guessPeople)
    {
        var left = new List<(int Start, int End)>();
        var categoryOfWords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            categoryOfWords.TryAdd(entity.Text, entity.Category);
            if (entity.Category == EntityCategories.Person)
            {
                foreach (var word in entity.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    categoryOfWords.TryAdd(word, entity.Category);
                }
            }
        }

        foreach (var (start, end) in runs)
        {
            var text = context.SpanText(start, end);
            if (categoryOfWords.TryGetValue(text, out var category))
            {
                entities.Add(context.Entity(start, end, category, null, WithCue));
            }
            else if (guessPeople && !context.IsHeadline(start))
            {
                entities.Add(context.Entity(start, end, EntityCategories.Person, null, Guess));
            }
            else
            {
                left.Add((start, end));
            }
        }

        return left;
    }

    /// <summary>
    /// Dates and quantities. The patterns are tried only at tokens that can start one (a month, a weekday, a relative
    /// day word, a number, a currency sign): scanning the whole text with them cost a quarter of the analysis time.
    /// </summary>
    private static void AddPatterns(string text, List<Token> tokens, List<Entity> entities)
    {
        var dateEnd = 0;
        var quantityEnd = 0;
        var starts = DateStarts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var token in tokens)
        {
            var couldBeDate = token.Kind == TokenKind.Number || (token.Kind == TokenKind.Word && starts.Contains(token.In(text)));
            if (couldBeDate && token.Offset >= dateEnd && DatePattern().Match(text, token.Offset) is { Success: true } date)
            {
                entities.Add(new Entity(date.Value, EntityCategories.DateTime, null, date.Index, date.Length, WithCue));
                dateEnd = date.Index + date.Length;
            }

            var couldBeQuantity = token.Kind == TokenKind.Number || (token.Kind == TokenKind.Punctuation && text[token.Offset] is '$' or '€' or '£');
            if (couldBeQuantity && token.Offset >= quantityEnd && QuantityPattern().Match(text, token.Offset) is { Success: true } quantity)
            {
                entities.Add(new Entity(quantity.Value, EntityCategories.Quantity, null, quantity.Index, quantity.Length, WithCue));
                quantityEnd = quantity.Index + quantity.Length;
            }
        }
    }

    private static readonly HashSet<string> DateStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "yesterday", "today",
        "tomorrow", "tonight", "last", "next", "this",
    };

    [GeneratedRegex(@"\G(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:,?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?)?|(?:January|February|March|April|June|July|August|September|October|November|December)(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|(?:yesterday|today|tomorrow|tonight)|(?:last|next|this)\s+(?:week|month|year|weekend))\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\G(?:[$€£]\s?\d[\d,.]*(?:\s(?:million|billion|trillion))?|\d[\d,.]*\s?(?:%|percent|per cent|million|billion|trillion|km|kilometres|kilometers|miles|kg|tonnes|tons|dollars|euros|pounds|people|soldiers|civilians|years|days|hours))")]
    private static partial Regex QuantityPattern();
}
