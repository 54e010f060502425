using System.Text.RegularExpressions;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// Finds named entities in four steps. The trained <see cref="NamedEntityTagger"/> tags people, organisations, places
/// and other names (<c>Misc</c>: nationalities, events, works). Known names then correct it where it disagrees with
/// the project's own lists (<see cref="KnownNames"/>). Names from the configuration (aliases, watchlist entities)
/// override whatever was found on the same words. Dates and quantities come from patterns.
/// </summary>
internal sealed partial class EntityRecognizer(NamedEntityTagger tagger, KnownNames known, Gazetteer configured)
{
    private const double Pattern = 0.7;

    public List<Entity> Recognize(string text, List<Token> tokens)
    {
        var input = new TaggerInput(text, tokens);
        var spans = known.Correct(input, tagger.Tag(input));
        if (!configured.IsEmpty)
        {
            Override(text, tokens, spans);
        }

        var entities = new List<Entity>(spans.Count + 8);
        foreach (var span in spans)
        {
            var offset = tokens[span.Start].Offset;
            var length = tokens[span.End - 1].End - offset;
            entities.Add(new Entity(text.Substring(offset, length), span.Category, span.Subcategory, offset, length, span.Confidence));
        }

        AddPatterns(text, tokens, entities);
        entities.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return entities;
    }

    /// <summary>Every configured name found in the text replaces the spans it overlaps.</summary>
    private void Override(string text, List<Token> tokens, List<NameSpan> spans)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            if (configured.LongestAt(text, tokens, i, tokens.Count) is not { } name)
            {
                i++;
                continue;
            }

            var end = i + name.Words.Length;
            spans.RemoveAll(s => s.Start < end && s.End > i);
            spans.Add(new NameSpan(i, end, name.Category, name.Subcategory, KnownNames.KnownConfidence));
            i = end;
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
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
                entities.Add(new Entity(date.Value, EntityCategories.DateTime, null, date.Index, date.Length, Pattern));
                dateEnd = date.Index + date.Length;
            }

            var couldBeQuantity = token.Kind == TokenKind.Number || (token.Kind == TokenKind.Punctuation && text[token.Offset] is '$' or '€' or '£');
            if (couldBeQuantity && token.Offset >= quantityEnd && QuantityPattern().Match(text, token.Offset) is { Success: true } quantity)
            {
                entities.Add(new Entity(quantity.Value, EntityCategories.Quantity, null, quantity.Index, quantity.Length, Pattern));
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
