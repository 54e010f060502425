using NewsAlerts.Core.Matching.Aliases;
using NewsAlerts.Core.Matching.Query;
using NewsAlerts.Core.Matching.Text;

namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>Turns a parsed query into clauses over interned terms, expanding aliases; throws <see cref="QueryException"/>.</summary>
internal sealed class QueryCompiler(TermTable terms, IReadOnlyDictionary<string, IReadOnlyList<string>> aliases, bool geoAliases, string query)
{
    public Clause Compile(QueryNode node) => node switch
    {
        WordNode word => CompileWord(word),
        PhraseNode phrase => WithGeoAliases(CompileText(phrase.Phrase, phrase.Text, phrase.Fields, phrase.Position), phrase.Phrase, phrase.Fields),
        AliasNode alias => CompileAlias(alias),
        AndNode and => new AndClause(and.Text, [.. and.Children.Select(Compile)]),
        OrNode or => new OrClause(or.Text, [.. or.Children.Select(Compile)]),
        NotNode not => new NotClause(not.Text, Compile(not.Child)),
        NearNode near => new NearClause(near.Text, CompileSpan(near.Left), CompileSpan(near.Right), near.Distance),
        SourceNode source => new SourceClause(source.Text, source.SourceId, terms.AddSourceFacet(source.SourceId)),
        LangNode lang => new LangClause(lang.Text, lang.Language),
        SentimentNode sentiment => new SentimentClause(sentiment.Text, sentiment.Label, terms.AddSentimentFacet(sentiment.Label)),
        EntityNode entity => CompileEntity(entity),
        _ => throw new QueryException($"unsupported clause '{node.Text}'", query, node.Position),
    };

    private SpanClause CompileSpan(QueryNode node) => node switch
    {
        OrNode or => new AnyOfClause(or.Text, TextFields.Any, [.. or.Children.Select(CompileSpan)]),
        _ => Compile(node) as SpanClause
            ?? throw new QueryException($"NEAR works on words, phrases, wildcards, aliases and OR groups of them, not on '{node.Text}'", query, node.Position),
    };

    private Clause CompileWord(WordNode word)
    {
        if (!word.IsPrefix)
        {
            return WithGeoAliases(CompileText(word.Word, word.Text, word.Fields, word.Position), word.Word, word.Fields);
        }

        return CompilePrefix(word.Word, word.Text, word.Fields, word.Position);
    }

    private TermClause CompilePrefix(string prefix, string text, TextFields fields, int position)
    {
        var words = WordList.Of(prefix);
        if (words.Count > 1)
        {
            throw new QueryException($"the wildcard '{prefix}*' spans several words; a * ends one word", query, position);
        }

        if (words.Count == 0 || words[0].Length < QueryLimits.MinPrefixLength)
        {
            throw new QueryException(
                $"the wildcard '{prefix}*' would expand to too many words: put at least {QueryLimits.MinPrefixLength} letters or digits of one word before the *",
                query, position);
        }

        return new TermClause(text, fields, terms.AddPrefix(words[0]));
    }

    /// <summary>A word is matched by stem; text that splits into several words (<c>Russia-Hamas</c>, a phrase) is a phrase.</summary>
    private SpanClause CompileText(string value, string text, TextFields fields, int position)
    {
        Span<char> buffer = stackalloc char[TokenReader.MaxTokenLength];
        var reader = new TokenReader(value, buffer);
        var stems = new List<int>();
        while (reader.Read())
        {
            stems.Add(terms.AddStem(EnglishStems.Stem(reader.Folded, reader.HasDigit)));
        }

        return stems.Count switch
        {
            0 => throw new QueryException($"'{value}' has no letters or digits to match", query, position),
            1 => new TermClause(text, fields, stems[0]),
            _ => new PhraseClause(text, fields, [.. stems]),
        };
    }

    private SpanClause WithGeoAliases(SpanClause clause, string value, TextFields fields)
    {
        if (!geoAliases || GeoAliases.Find(value) is not { } entries)
        {
            return clause;
        }

        var members = new List<SpanClause> { clause };
        foreach (var entry in entries)
        {
            members.Add(CompileText(entry, clause.Text, fields, 0));
        }

        return new AnyOfClause(clause.Text, fields, [.. members]);
    }

    private AnyOfClause CompileAlias(AliasNode alias)
    {
        var entries = aliases.FirstOrDefault(a => string.Equals(a.Key, alias.Name, StringComparison.OrdinalIgnoreCase)).Value;
        if (entries is null)
        {
            var known = aliases.Count == 0 ? "the config defines no aliases" : "known aliases: " + string.Join(", ", aliases.Keys.Select(k => "@" + k));
            throw new QueryException($"unknown alias '@{alias.Name}' ({known})", query, alias.Position);
        }

        var members = new List<SpanClause>();
        foreach (var entry in entries)
        {
            var trimmed = entry.Trim();
            members.Add(trimmed.EndsWith('*')
                ? CompilePrefix(trimmed[..^1], alias.Text, alias.Fields, alias.Position)
                : CompileText(trimmed, alias.Text, alias.Fields, alias.Position));
        }

        if (members.Count == 0)
        {
            throw new QueryException($"alias '@{alias.Name}' has no entries", query, alias.Position);
        }

        return new AnyOfClause(alias.Text, alias.Fields, [.. members]);
    }

    private EntityClause CompileEntity(EntityNode entity)
    {
        var words = WordList.Of(entity.Name);
        if (words.Count == 0)
        {
            throw new QueryException($"entity name '{entity.Name}' has no letters or digits", query, entity.Position);
        }

        return new EntityClause(entity.Text, entity.Category, [.. words]);
    }
}
