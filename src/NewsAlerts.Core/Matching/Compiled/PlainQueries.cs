using NewsAlerts.Core.Matching.Query;

namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// The common shapes of watchlist kept in flat arrays: an AND of words (each maybe a prefix or limited to a field),
/// phrases, alias or country groups of words, OR groups of words, NOT of a word, and <c>source:</c> / <c>sentiment:</c>.
/// One pass over the article's occurrence lists both evaluates such a query and collects its hits, grouped and
/// ordered as <see cref="HitSorter"/> would, without walking clause objects spread over the heap: with 100,000
/// watchlists, reaching those objects is most of the cost of a match. Other queries take the general path.
/// </summary>
internal sealed class PlainQueries
{
    private readonly int[] _start;
    private readonly Part[] _parts;

    public PlainQueries(IReadOnlyList<CompiledWatchlist> watchlists)
    {
        _start = new int[watchlists.Count + 1];
        var parts = new List<Part>();
        for (var i = 0; i < watchlists.Count; i++)
        {
            if (PartsOf(watchlists[i].Root) is { } plain)
            {
                parts.AddRange(plain);
            }

            _start[i + 1] = parts.Count;
        }

        _parts = [.. parts];
    }

    private enum Kind : byte
    {
        /// <summary>A word that must occur: one hit group.</summary>
        Word,

        /// <summary>Followed by <see cref="Part.Members"/> words of which one must occur: one hit group named by the group.</summary>
        AnyOf,

        /// <summary>Followed by <see cref="Part.Members"/> words of which one must occur: a hit group per word that occurs.</summary>
        Or,

        /// <summary>Followed by <see cref="Part.Members"/> more words: all, next to each other in one field, must occur: one hit group.</summary>
        Phrase,

        /// <summary>A member of the <see cref="AnyOf"/>, <see cref="Or"/> or <see cref="Phrase"/> before it.</summary>
        Member,

        /// <summary>A word that must not occur.</summary>
        Not,

        /// <summary>A facet (<see cref="TermTable.AddSourceFacet"/>) that must be present.</summary>
        Facet,
    }

    /// <summary>Where the watchlist's parts are, for <see cref="TryCollectHits"/>; empty when the query is not plain.</summary>
    public PartRange PartsOf(int watchlist) => new(_start[watchlist], _start[watchlist + 1] - _start[watchlist]);

    /// <summary>Reads the query's first part, to bring it into the cache ahead of <see cref="TryCollectHits"/>.</summary>
    public int Touch(PartRange range) => range.Length > 0 ? _parts[range.Start].TermId : 0;

    /// <summary>
    /// Adds the hits of a plain query to the empty list, group by group with the group's place as
    /// <see cref="Hit.Order"/>; false as soon as the query turns out false.
    /// </summary>
    public bool TryCollectHits(PartRange range, ArticleTerms terms, List<Hit> hits)
    {
        var parts = _parts.AsSpan(range.Start, range.Length);
        var order = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            ref readonly var part = ref parts[p];
            var before = hits.Count;
            switch (part.Kind)
            {
                case Kind.Word:
                    AddHits(part, part.Text, order++, terms, hits);
                    break;
                case Kind.Phrase:
                    AddPhraseHits(parts.Slice(p, part.Members + 1), order++, terms, hits);
                    p += part.Members;
                    break;
                case Kind.AnyOf:
                    foreach (var member in parts.Slice(p + 1, part.Members))
                    {
                        AddHits(member, part.Text, order, terms, hits);
                    }

                    HitSorter.SortRun(hits, before);
                    order += hits.Count > before ? 1 : 0;
                    p += part.Members;
                    break;
                case Kind.Or:
                    foreach (var member in parts.Slice(p + 1, part.Members))
                    {
                        order += AddHits(member, member.Text, order, terms, hits) ? 1 : 0;
                    }

                    p += part.Members;
                    break;
                case Kind.Not:
                    if (Occurs(part, terms))
                    {
                        return false;
                    }

                    continue;
                default:
                    if (!terms.Contains(part.TermId))
                    {
                        return false;
                    }

                    continue;
            }

            if (hits.Count == before)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Occurs(in Part word, ArticleTerms terms)
    {
        for (var o = terms.FirstOccurrence(word.TermId); o >= 0; o = terms.NextOccurrence(o))
        {
            if (terms.InFields(terms.TokenOf(o), word.Fields))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the word's occurrences in its fields as hits named <paramref name="text"/>; true if there were any.</summary>
    private static bool AddHits(in Part word, string text, int order, ArticleTerms terms, List<Hit> hits)
    {
        var before = hits.Count;
        for (var o = terms.FirstOccurrence(word.TermId); o >= 0; o = terms.NextOccurrence(o))
        {
            var token = terms.TokenOf(o);
            if (terms.InFields(token, word.Fields))
            {
                hits.Add(new Hit(text, terms.TokenField[token], token, terms.TokenOffset[token], terms.TokenLength[token], order));
            }
        }

        return hits.Count > before;
    }

    /// <summary>Adds a hit per place where the phrase's words follow each other in one field (as <see cref="PhraseClause"/>).</summary>
    private static void AddPhraseHits(ReadOnlySpan<Part> words, int order, ArticleTerms terms, List<Hit> hits)
    {
        for (var o = terms.FirstOccurrence(words[0].TermId); o >= 0; o = terms.NextOccurrence(o))
        {
            var start = terms.TokenOf(o);
            var end = start + words.Length - 1;
            if (terms.InFields(start, words[0].Fields) && end < terms.TokenCount && Follows(words, start, terms))
            {
                var offset = terms.TokenOffset[start];
                var length = terms.TokenOffset[end] + terms.TokenLength[end] - offset;
                hits.Add(new Hit(words[0].Text, terms.TokenField[start], start, offset, length, order));
            }
        }
    }

    private static bool Follows(ReadOnlySpan<Part> words, int start, ArticleTerms terms)
    {
        for (var k = 1; k < words.Length; k++)
        {
            if (terms.TokenStem[start + k] != words[k].TermId || terms.TokenField[start + k] != terms.TokenField[start])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parts of a plain query, or null when it has another shape or two hit groups share a name.</summary>
    private static Part[]? PartsOf(Clause root)
    {
        var parts = new List<Part>();
        IEnumerable<Clause> children = root is AndClause conjunction ? conjunction.Children : [root];
        foreach (var child in children)
        {
            if (!TryAdd(child, parts))
            {
                return null;
            }
        }

        var groupNames = parts.Where(p => p.Kind is Kind.Word or Kind.AnyOf or Kind.Phrase || (p.Kind == Kind.Member && p.Text.Length > 0)).Select(p => p.Text).ToList();
        return groupNames.Count > 0 && groupNames.Distinct(StringComparer.Ordinal).Count() == groupNames.Count ? [.. parts] : null;
    }

    private static bool TryAdd(Clause clause, List<Part> parts)
    {
        switch (clause)
        {
            case TermClause word:
                parts.Add(new Part(Kind.Word, word.TermId, word.Fields, word.Text));
                return true;
            case PhraseClause phrase:
                parts.Add(new Part(Kind.Phrase, phrase.StemIds[0], phrase.Fields, phrase.Text, phrase.StemIds.Count - 1));
                parts.AddRange(phrase.StemIds.Skip(1).Select(stem => new Part(Kind.Member, stem, phrase.Fields, string.Empty)));
                return true;
            case AnyOfClause group when group.Members.All(m => m is TermClause):
                parts.Add(new Part(Kind.AnyOf, -1, TextFields.Any, group.Text, group.Members.Count));
                parts.AddRange(group.Members.Cast<TermClause>().Select(m => new Part(Kind.Member, m.TermId, m.Fields, string.Empty)));
                return true;
            case OrClause either when either.Children.All(c => c is TermClause):
                parts.Add(new Part(Kind.Or, -1, TextFields.Any, either.Text, either.Children.Count));
                parts.AddRange(either.Children.Cast<TermClause>().Select(m => new Part(Kind.Member, m.TermId, m.Fields, m.Text)));
                return true;
            case NotClause { Children: [TermClause word] }:
                parts.Add(new Part(Kind.Not, word.TermId, word.Fields, word.Text));
                return true;
            case SourceClause source:
                parts.Add(new Part(Kind.Facet, source.FacetId, TextFields.Any, source.Text));
                return true;
            case SentimentClause sentiment:
                parts.Add(new Part(Kind.Facet, sentiment.FacetId, TextFields.Any, sentiment.Text));
                return true;
            default:
                return false;
        }
    }

    /// <summary>A slice of the parts array: one plain query.</summary>
    public readonly record struct PartRange(int Start, int Length);

    /// <summary>One step of a plain query, next to its query's other steps in one array.</summary>
    private readonly record struct Part(Kind Kind, int TermId, TextFields Fields, string Text, int Members = 0);
}
