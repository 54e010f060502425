using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Matching.Aliases;
using NewsAlerts.Core.Matching.Query;

namespace NewsAlerts.Benchmarks.Matching;

/// <summary>
/// The percolator technique (Elasticsearch's percolator, Lucene Monitor without its presearcher): index one article
/// in a Lucene.Net <see cref="MemoryIndex"/> and run every stored query against it. Queries are the same watchlists,
/// parsed by NewsAlerts' parser and translated to Lucene queries over the same analysis (standard tokenizer,
/// possessives, lower case, ASCII folding, Snowball English stems) with the same geographic aliases.
/// </summary>
internal sealed class LucenePercolator
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] TextFields = ["title", "body"];

    private readonly Analyzer _analyzer = new NewsAnalyzer();
    private readonly Analyzer _keyword = new KeywordAnalyzer();
    private readonly List<(string Id, Query Query)> _queries;
    private readonly MemoryIndex _index = new();

    public LucenePercolator(IEnumerable<(string Id, string Query)> watchlists)
    {
        _queries = [.. watchlists.Select(w => (w.Id, Convert(QueryParser.Parse(w.Query), Core.Matching.Query.TextFields.Any)))];
    }

    public int Count => _queries.Count;

    /// <summary>Ids of the watchlists whose query matches the article.</summary>
    public List<string> Match(Article article)
    {
        _index.Reset();
        _index.AddField("title", article.Title, _analyzer);
        _index.AddField("body", article.Body, _analyzer);
        _index.AddField("source", article.SourceId.ToLowerInvariant(), _keyword);
        _index.AddField("sentiment", (article.Analysis?.Sentiment.Label.ToString() ?? "").ToLowerInvariant(), _keyword);
        var matches = new List<string>();
        foreach (var (id, query) in _queries)
        {
            if (_index.Search(query) > 0)
            {
                matches.Add(id);
            }
        }

        return matches;
    }

    private Query Convert(QueryNode node, Core.Matching.Query.TextFields fields) => node switch
    {
        WordNode { IsPrefix: true } word => PerField(word.Fields, f => new PrefixQuery(new Term(f, Fold(word.Word)))),
        WordNode word => Text(word.Word, word.Fields),
        PhraseNode phrase => Text(phrase.Phrase, phrase.Fields),
        AndNode and => And(and.Children, fields),
        OrNode or => Or(or.Children.Select(c => Convert(c, fields))),
        NotNode not => And([not], fields),
        NearNode near => PerField(Core.Matching.Query.TextFields.Any, f => new SpanNearQuery([Span(near.Left, f), Span(near.Right, f)], near.Distance, false)),
        SourceNode source => new TermQuery(new Term("source", source.SourceId.ToLowerInvariant())),
        SentimentNode sentiment => new TermQuery(new Term("sentiment", sentiment.Label.ToString().ToLowerInvariant())),
        _ => throw new NotSupportedException($"the benchmark does not translate '{node.Text}'"),
    };

    private BooleanQuery And(IEnumerable<QueryNode> children, Core.Matching.Query.TextFields fields)
    {
        var query = new BooleanQuery();
        var positive = false;
        foreach (var child in children)
        {
            if (child is NotNode not)
            {
                query.Add(Convert(not.Child, fields), Occur.MUST_NOT);
            }
            else
            {
                query.Add(Convert(child, fields), Occur.MUST);
                positive = true;
            }
        }

        if (!positive)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return query;
    }

    private static BooleanQuery Or(IEnumerable<Query> children)
    {
        var query = new BooleanQuery();
        foreach (var child in children)
        {
            query.Add(child, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>A word or phrase in the given fields, with a country's demonyms and capitals as alternatives.</summary>
    private Query Text(string text, Core.Matching.Query.TextFields fields)
    {
        var variants = new List<string> { text };
        variants.AddRange(GeoAliases.Find(text) ?? []);
        return PerField(fields, f => variants.Count == 1 ? Phrase(variants[0], f) : Or(variants.Select(v => Phrase(v, f))));
    }

    private Query Phrase(string text, string field)
    {
        var stems = Analyze(text);
        if (stems.Count == 1)
        {
            return new TermQuery(new Term(field, stems[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var stem in stems)
        {
            phrase.Add(new Term(field, stem));
        }

        return phrase;
    }

    private SpanQuery Span(QueryNode node, string field)
    {
        switch (node)
        {
            case WordNode { IsPrefix: true } word:
                return new SpanMultiTermQueryWrapper<PrefixQuery>(new PrefixQuery(new Term(field, Fold(word.Word))));
            case WordNode or PhraseNode:
                var text = node is WordNode w ? w.Word : ((PhraseNode)node).Phrase;
                var variants = new List<string> { text };
                variants.AddRange(GeoAliases.Find(text) ?? []);
                var spans = variants.Select(v => SpanPhrase(Analyze(v), field)).ToArray();
                return spans.Length == 1 ? spans[0] : new SpanOrQuery(spans);
            case OrNode or:
                return new SpanOrQuery([.. or.Children.Select(c => Span(c, field))]);
            default:
                throw new NotSupportedException($"the benchmark does not translate '{node.Text}' inside NEAR");
        }
    }

    private static SpanQuery SpanPhrase(List<string> stems, string field) => stems.Count == 1
        ? new SpanTermQuery(new Term(field, stems[0]))
        : new SpanNearQuery([.. stems.Select(s => (SpanQuery)new SpanTermQuery(new Term(field, s)))], 0, true);

    private static Query PerField(Core.Matching.Query.TextFields fields, Func<string, Query> build) => fields switch
    {
        Core.Matching.Query.TextFields.Title => build("title"),
        Core.Matching.Query.TextFields.Body => build("body"),
        _ => Or(TextFields.Select(build)),
    };

    private List<string> Analyze(string text)
    {
        var stems = new List<string>();
        using var stream = _analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            stems.Add(term.ToString());
        }

        stream.End();
        return stems;
    }

    private static string Fold(string word) => word.ToLowerInvariant();

    /// <summary>Standard tokenizer, English possessives, lower case, ASCII folding, Snowball English stems.</summary>
    private sealed class NewsAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new EnglishPossessiveFilter(Version, source);
            stream = new LowerCaseFilter(Version, stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new SnowballFilter(stream, new EnglishStemmer());
            return new TokenStreamComponents(source, stream);
        }
    }
}
