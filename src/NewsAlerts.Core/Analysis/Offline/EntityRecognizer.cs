using System.Text.RegularExpressions;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// Finds named entities in three steps. The trained <see cref="NamedEntityTagger"/> tags people, organisations, places
/// and other names (<c>Misc</c>: nationalities, events, works); names from the configuration (aliases, watchlist
/// entities) then override whatever the model said about the same words; dates and quantities come from patterns.
/// </summary>
internal sealed partial class EntityRecognizer(NamedEntityTagger tagger, Gazetteer builtIn, Gazetteer configured, HashSet<string> demonyms)
{
    private const double KnownName = 0.9;
    private const double ModelName = 0.7;
    private const double Pattern = 0.7;

    public List<Entity> Recognize(string text, List<Token> tokens)
    {
        var input = new TaggerInput(text, tokens);
        var entities = new List<Entity>();
        var taken = new bool[tokens.Count];
        foreach (var (start, end, category, subcategory) in ConfiguredNames(text, tokens))
        {
            entities.Add(Entity(text, tokens, start, end, category, subcategory, KnownName));
            Array.Fill(taken, true, start, end - start);
        }

        foreach (var (start, end, type) in tagger.Tag(input))
        {
            if (!taken.AsSpan(start, end - start).Contains(true))
            {
                entities.Add(Tagged(text, tokens, start, end, type));
            }
        }

        AddPatterns(text, tokens, entities);
        entities.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return entities;
    }

    private IEnumerable<(int Start, int End, string Category, string? Subcategory)> ConfiguredNames(string text, List<Token> tokens)
    {
        if (configured.IsEmpty)
        {
            yield break;
        }

        var i = 0;
        while (i < tokens.Count)
        {
            if (configured.LongestAt(text, tokens, i, tokens.Count) is { } name)
            {
                yield return (i, i + name.Words.Length, name.Category, name.Subcategory);
                i += name.Words.Length;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>A tagged span as an entity; a built-in name of the same category gives its subcategory (<c>Country</c>, <c>NewsAgency</c>).</summary>
    private Entity Tagged(string text, List<Token> tokens, int start, int end, string type)
    {
        var category = type switch
        {
            "PER" => EntityCategories.Person,
            "ORG" => EntityCategories.Organization,
            "LOC" => EntityCategories.Location,
            "MISC" => EntityCategories.Misc,
            _ => type,
        };
        var known = builtIn.LongestAt(text, tokens, start, end) is { } entry && entry.Words.Length == end - start && entry.Category == category ? entry : null;
        var subcategory = known?.Subcategory
            ?? (category == EntityCategories.Misc && end - start == 1 && demonyms.Contains(tokens[start].Text(text)) ? "Nationality" : null);
        return Entity(text, tokens, start, end, category, subcategory, known is null ? ModelName : KnownName);
    }

    private static Entity Entity(string text, List<Token> tokens, int start, int end, string category, string? subcategory, double confidence)
    {
        var offset = tokens[start].Offset;
        var length = tokens[end - 1].End - offset;
        return new Entity(text.Substring(offset, length), category, subcategory, offset, length, confidence);
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
