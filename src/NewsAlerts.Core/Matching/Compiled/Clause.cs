using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Matching.Query;
using NewsAlerts.Core.Matching.Text;

namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>A compiled query clause: evaluates against an article read into <see cref="ArticleTerms"/>.</summary>
internal abstract class Clause(string text)
{
    /// <summary>The clause as the user wrote it; highlights and explanations name it.</summary>
    public string Text { get; } = text;

    public abstract Truth Evaluate(MatchContext context);

    /// <summary>Adds the text spans that satisfied this clause (called only when it is true).</summary>
    public virtual void CollectHits(MatchContext context, List<Hit> hits)
    {
    }

    /// <summary>Child clauses, for explanations.</summary>
    public virtual IReadOnlyList<Clause> Children => [];

    /// <summary>
    /// Term ids of which the article must contain at least one for this clause to be true, or null when there is no
    /// such set (a NOT, a field clause): the presearcher indexes a query under these terms.
    /// </summary>
    public abstract int[]? Anchors(TermTable terms);

    /// <summary>
    /// Adds terms the article must contain (in any field) for this clause to be true or unknown: a cheap necessary
    /// condition the presearcher checks before evaluating a candidate; adding nothing is always correct. By default
    /// the anchor set.
    /// </summary>
    public virtual void AddRequired(RequiredTerms required, TermTable terms)
    {
        if (Anchors(terms) is { } anchors)
        {
            required.AnyOf(anchors);
        }
    }

    protected static Truth Of(bool value) => value ? Truth.True : Truth.False;
}

/// <summary>A clause satisfied by runs of words: words, prefixes, phrases, alias groups and NEAR.</summary>
internal abstract class SpanClause(string text, TextFields fields) : Clause(text)
{
    public TextFields Fields { get; } = fields;

    /// <summary>Adds every run of words that satisfies the clause, in the clause's fields.</summary>
    public abstract void Spans(MatchContext context, List<TokenSpan> spans);

    public override void CollectHits(MatchContext context, List<Hit> hits)
    {
        var spans = context.RentSpans();
        Spans(context, spans);
        foreach (var span in spans)
        {
            hits.Add(ToHit(context.Terms, Text, span));
        }

        context.Return(spans);
    }

    public static Hit ToHit(ArticleTerms terms, string clause, TokenSpan span)
    {
        var offset = terms.TokenOffset[span.Start];
        var end = terms.TokenOffset[span.End] + terms.TokenLength[span.End];
        return new Hit(clause, terms.TokenField[span.Start], span.Start, offset, end - offset);
    }
}

/// <summary>One word, compared by stem; or a prefix wildcard, compared on the folded word.</summary>
internal sealed class TermClause(string text, TextFields fields, int termId) : SpanClause(text, fields)
{
    public int TermId { get; } = termId;

    public override Truth Evaluate(MatchContext context)
    {
        var terms = context.Terms;
        for (var o = terms.FirstOccurrence(TermId); o >= 0; o = terms.NextOccurrence(o))
        {
            if (terms.InFields(terms.TokenOf(o), Fields))
            {
                return Truth.True;
            }
        }

        return Truth.False;
    }

    public override void Spans(MatchContext context, List<TokenSpan> spans)
    {
        var terms = context.Terms;
        for (var o = terms.FirstOccurrence(TermId); o >= 0; o = terms.NextOccurrence(o))
        {
            var token = terms.TokenOf(o);
            if (terms.InFields(token, Fields))
            {
                spans.Add(new TokenSpan(token, token));
            }
        }
    }

    /// <summary>As the base does, without the intermediate span list: most clauses are single words.</summary>
    public override void CollectHits(MatchContext context, List<Hit> hits)
    {
        var terms = context.Terms;
        for (var o = terms.FirstOccurrence(TermId); o >= 0; o = terms.NextOccurrence(o))
        {
            var token = terms.TokenOf(o);
            if (terms.InFields(token, Fields))
            {
                hits.Add(new Hit(Text, terms.TokenField[token], token, terms.TokenOffset[token], terms.TokenLength[token]));
            }
        }
    }

    public override int[]? Anchors(TermTable terms) => [TermId];

    public override void AddRequired(RequiredTerms required, TermTable terms) => required.All(TermId);
}

/// <summary>Words in order, next to each other in one field, compared by stem.</summary>
internal sealed class PhraseClause(string text, TextFields fields, int[] stemIds) : SpanClause(text, fields)
{
    public IReadOnlyList<int> StemIds => stemIds;

    public override Truth Evaluate(MatchContext context)
    {
        var terms = context.Terms;
        for (var o = terms.FirstOccurrence(stemIds[0]); o >= 0; o = terms.NextOccurrence(o))
        {
            if (MatchesAt(terms, terms.TokenOf(o)))
            {
                return Truth.True;
            }
        }

        return Truth.False;
    }

    public override void Spans(MatchContext context, List<TokenSpan> spans)
    {
        var terms = context.Terms;
        for (var o = terms.FirstOccurrence(stemIds[0]); o >= 0; o = terms.NextOccurrence(o))
        {
            var token = terms.TokenOf(o);
            if (MatchesAt(terms, token))
            {
                spans.Add(new TokenSpan(token, token + stemIds.Length - 1));
            }
        }
    }

    // Any one word of the phrase must occur; the longest is likely the rarest.
    public override int[]? Anchors(TermTable terms) => [stemIds.MaxBy(terms.Weight)];

    public override void AddRequired(RequiredTerms required, TermTable terms)
    {
        foreach (var stemId in stemIds)
        {
            required.All(stemId);
        }
    }

    private bool MatchesAt(ArticleTerms terms, int start)
    {
        if (!terms.InFields(start, Fields) || start + stemIds.Length > terms.TokenCount)
        {
            return false;
        }

        var field = terms.TokenField[start];
        for (var k = 1; k < stemIds.Length; k++)
        {
            if (terms.TokenStem[start + k] != stemIds[k] || terms.TokenField[start + k] != field)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Any of several words or phrases: an <c>@alias</c> group, a country with its demonyms and capitals, or an OR inside NEAR.</summary>
internal sealed class AnyOfClause(string text, TextFields fields, SpanClause[] members) : SpanClause(text, fields)
{
    public override IReadOnlyList<Clause> Children => members;

    public IReadOnlyList<SpanClause> Members => members;

    public override Truth Evaluate(MatchContext context)
    {
        foreach (var member in members)
        {
            if (member.Evaluate(context) == Truth.True)
            {
                return Truth.True;
            }
        }

        return Truth.False;
    }

    public override void Spans(MatchContext context, List<TokenSpan> spans)
    {
        foreach (var member in members)
        {
            member.Spans(context, spans);
        }
    }

    public override int[]? Anchors(TermTable terms) => AnchorSets.Union(members, terms);

    public override void AddRequired(RequiredTerms required, TermTable terms)
    {
        if (members.Length == 1)
        {
            members[0].AddRequired(required, terms);
        }
        else
        {
            base.AddRequired(required, terms);
        }
    }
}

/// <summary><c>a NEAR/n b</c>: a run of a and a run of b in the same field with at most n words between them, either order.</summary>
internal sealed class NearClause(string text, SpanClause left, SpanClause right, int distance) : SpanClause(text, TextFields.Any)
{
    public override IReadOnlyList<Clause> Children => [left, right];

    public SpanClause Left => left;

    public SpanClause Right => right;

    public int Distance => distance;

    public override Truth Evaluate(MatchContext context)
    {
        var pairs = context.RentSpans();
        Pairs(context, pairs, stopAtFirst: true);
        var found = pairs.Count > 0;
        context.Return(pairs);
        return Of(found);
    }

    public override void Spans(MatchContext context, List<TokenSpan> spans)
    {
        var pairs = context.RentSpans();
        Pairs(context, pairs, stopAtFirst: false);
        for (var i = 0; i < pairs.Count; i += 2)
        {
            spans.Add(new TokenSpan(Math.Min(pairs[i].Start, pairs[i + 1].Start), Math.Max(pairs[i].End, pairs[i + 1].End)));
        }

        context.Return(pairs);
    }

    /// <summary>Highlights each operand's words separately, named by the operand.</summary>
    public override void CollectHits(MatchContext context, List<Hit> hits)
    {
        var pairs = context.RentSpans();
        Pairs(context, pairs, stopAtFirst: false);
        for (var i = 0; i < pairs.Count; i += 2)
        {
            hits.Add(ToHit(context.Terms, left.Text, pairs[i]));
            hits.Add(ToHit(context.Terms, right.Text, pairs[i + 1]));
        }

        context.Return(pairs);
    }

    public override int[]? Anchors(TermTable terms) => AnchorSets.Best([left, right], terms);

    public override void AddRequired(RequiredTerms required, TermTable terms)
    {
        left.AddRequired(required, terms);
        right.AddRequired(required, terms);
    }

    /// <summary>Adds satisfying (left span, right span) pairs as two consecutive entries.</summary>
    private void Pairs(MatchContext context, List<TokenSpan> pairs, bool stopAtFirst)
    {
        var lefts = context.RentSpans();
        var rights = context.RentSpans();
        left.Spans(context, lefts);
        if (lefts.Count > 0)
        {
            right.Spans(context, rights);
        }

        var fields = context.Terms.TokenField;
        foreach (var a in lefts)
        {
            foreach (var b in rights)
            {
                var gap = a.End < b.Start ? b.Start - a.End - 1 : a.Start > b.End ? a.Start - b.End - 1 : -1;
                if (gap >= 0 && gap <= distance && fields[a.Start] == fields[b.Start])
                {
                    pairs.Add(a);
                    pairs.Add(b);
                    if (stopAtFirst)
                    {
                        goto done;
                    }
                }
            }
        }

    done:
        context.Return(lefts);
        context.Return(rights);
    }
}

internal sealed class AndClause(string text, Clause[] children) : Clause(text)
{
    public override IReadOnlyList<Clause> Children => children;

    public override Truth Evaluate(MatchContext context)
    {
        var result = Truth.True;
        foreach (var child in children)
        {
            var truth = child.Evaluate(context);
            if (truth == Truth.False)
            {
                return Truth.False;
            }

            if (truth == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    public override void CollectHits(MatchContext context, List<Hit> hits)
    {
        foreach (var child in children)
        {
            child.CollectHits(context, hits);
        }
    }

    public override int[]? Anchors(TermTable terms) => AnchorSets.Best(children, terms);

    public override void AddRequired(RequiredTerms required, TermTable terms)
    {
        foreach (var child in children)
        {
            child.AddRequired(required, terms);
        }
    }
}

internal sealed class OrClause(string text, Clause[] children) : Clause(text)
{
    public override IReadOnlyList<Clause> Children => children;

    public override Truth Evaluate(MatchContext context)
    {
        var result = Truth.False;
        foreach (var child in children)
        {
            var truth = child.Evaluate(context);
            if (truth == Truth.True)
            {
                return Truth.True;
            }

            if (truth == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    public override void CollectHits(MatchContext context, List<Hit> hits)
    {
        foreach (var child in children)
        {
            if (child.Evaluate(context) == Truth.True)
            {
                child.CollectHits(context, hits);
            }
        }
    }

    public override int[]? Anchors(TermTable terms) => AnchorSets.Union(children, terms);
}

internal sealed class NotClause(string text, Clause child) : Clause(text)
{
    public override IReadOnlyList<Clause> Children => [child];

    public override Truth Evaluate(MatchContext context) => child.Evaluate(context) switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    public override int[]? Anchors(TermTable terms) => null;
}

/// <summary><c>source:id</c>.</summary>
internal sealed class SourceClause(string text, string sourceId, int facetId) : Clause(text)
{
    public int FacetId => facetId;

    public override Truth Evaluate(MatchContext context) =>
        Of(string.Equals(context.Terms.Article.SourceId, sourceId, StringComparison.OrdinalIgnoreCase));

    public override int[]? Anchors(TermTable terms) => null;

    public override void AddRequired(RequiredTerms required, TermTable terms) => required.All(facetId);
}

/// <summary><c>lang:xx</c>: compares the primary language subtag (<c>en</c> matches <c>en-GB</c>).</summary>
internal sealed class LangClause(string text, string language) : Clause(text)
{
    public override Truth Evaluate(MatchContext context)
    {
        var article = context.Terms.Article;
        var actual = article.Analysis?.Language ?? article.LanguageHint;
        if (actual is null)
        {
            return context.UnknownWithoutAnalysis ? Truth.Unknown : Truth.False;
        }

        var primary = actual.Split('-', '_')[0];
        return Of(string.Equals(primary, language, StringComparison.OrdinalIgnoreCase));
    }

    public override int[]? Anchors(TermTable terms) => null;
}

/// <summary><c>sentiment:label</c>, from the analyzer.</summary>
internal sealed class SentimentClause(string text, SentimentLabel label, int facetId) : Clause(text)
{
    public int FacetId => facetId;

    public override Truth Evaluate(MatchContext context) => context.Terms.Article.Analysis is { } analysis
        ? Of(analysis.Sentiment.Label == label)
        : context.UnknownWithoutAnalysis ? Truth.Unknown : Truth.False;

    public override int[]? Anchors(TermTable terms) => null;

    /// <summary>The facet is present when the label matches, and every label's is when analysis is pending (unknown).</summary>
    public override void AddRequired(RequiredTerms required, TermTable terms) => required.All(facetId);
}

/// <summary>
/// <c>entity:Name</c> / <c>entity:Category:"Name"</c>: the analyzer found an entity (of that category) whose folded
/// words contain the name's folded words in order, so <c>entity:Putin</c> matches the entity "Vladimir Putin".
/// </summary>
internal sealed class EntityClause(string text, string? category, string[] nameWords) : Clause(text)
{
    public override Truth Evaluate(MatchContext context)
    {
        if (context.Terms.Article.Analysis is not { } analysis)
        {
            return context.UnknownWithoutAnalysis ? Truth.Unknown : Truth.False;
        }

        foreach (var entity in analysis.Entities)
        {
            if (Matches(entity))
            {
                return Truth.True;
            }
        }

        return Truth.False;
    }

    /// <summary>Entity offsets refer to <see cref="Articles.Article.AnalysisText"/> (title, blank line, body); hits map them back.</summary>
    public override void CollectHits(MatchContext context, List<Hit> hits)
    {
        var article = context.Terms.Article;
        var bodyStart = article.Title.Length + 2;
        foreach (var entity in article.Analysis?.Entities ?? [])
        {
            if (!Matches(entity))
            {
                continue;
            }

            if (entity.Offset + entity.Length <= article.Title.Length)
            {
                hits.Add(new Hit(Text, ArticleTerms.TitleField, -1, entity.Offset, entity.Length));
            }
            else if (entity.Offset >= bodyStart && entity.Offset - bodyStart + entity.Length <= article.Body.Length)
            {
                hits.Add(new Hit(Text, ArticleTerms.BodyField, -1, entity.Offset - bodyStart, entity.Length));
            }
        }
    }

    public override int[]? Anchors(TermTable terms) => null;

    private bool Matches(Entity entity)
    {
        if (category is not null && !string.Equals(entity.Category, category, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var words = WordList.Of(entity.Text);
        for (var start = 0; start + nameWords.Length <= words.Count; start++)
        {
            if (words.Skip(start).Take(nameWords.Length).SequenceEqual(nameWords, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Chooses the terms the presearcher indexes a query under.</summary>
internal static class AnchorSets
{
    /// <summary>
    /// For AND (and NEAR): the child with the smallest anchor set; on a tie the one whose shortest term is longest
    /// (as Lucene Monitor's default term weighting, longer words are taken to be rarer). Null if no child has one.
    /// </summary>
    public static int[]? Best(IEnumerable<Clause> children, TermTable terms)
    {
        int[]? best = null;
        var bestWeight = 0;
        foreach (var child in children)
        {
            if (child.Anchors(terms) is not { } anchors)
            {
                continue;
            }

            var weight = anchors.Min(terms.Weight);
            if (best is null || anchors.Length < best.Length || (anchors.Length == best.Length && weight > bestWeight))
            {
                best = anchors;
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>For OR: one set with a term of every branch; null when a branch has none.</summary>
    public static int[]? Union(IEnumerable<Clause> children, TermTable terms)
    {
        var union = new HashSet<int>();
        foreach (var child in children)
        {
            if (child.Anchors(terms) is not { } anchors)
            {
                return null;
            }

            union.UnionWith(anchors);
        }

        return [.. union];
    }
}

/// <summary>Folded words of a short text such as an entity name.</summary>
internal static class WordList
{
    public static List<string> Of(string text)
    {
        Span<char> buffer = stackalloc char[TokenReader.MaxTokenLength];
        var reader = new TokenReader(text, buffer);
        var words = new List<string>();
        while (reader.Read())
        {
            words.Add(new string(reader.Folded));
        }

        return words;
    }
}
