using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Matching.Text;

namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// One article read once into ints: every word's stem id, field, position and original offset, and for each term
/// id the words where it occurs (in text order). Reused per thread; nothing is allocated once the arrays have grown.
/// </summary>
internal sealed class ArticleTerms
{
    public const int TitleField = 0;
    public const int BodyField = 1;

    private static readonly SentimentLabel[] SentimentLabels = Enum.GetValues<SentimentLabel>();

    private int _generation;
    private int[] _termGeneration = [];
    private int[] _head = [];
    private int[] _tail = [];
    private int[] _occurrenceToken = new int[1024];
    private int[] _occurrenceNext = new int[1024];
    private int _occurrenceCount;
    private int[] _present = new int[256];

    public int[] TokenStem { get; private set; } = new int[1024];

    public byte[] TokenField { get; private set; } = new byte[1024];

    public int[] TokenOffset { get; private set; } = new int[1024];

    public int[] TokenLength { get; private set; } = new int[1024];

    public int TokenCount { get; private set; }

    /// <summary>Distinct term ids present in the article, in order of first occurrence.</summary>
    public ReadOnlySpan<int> Present => _present.AsSpan(0, PresentCount);

    public int PresentCount { get; private set; }

    public Article Article { get; private set; } = null!;

    /// <param name="unknownWithoutAnalysis">As <see cref="MatchContext.UnknownWithoutAnalysis"/>: without analysis every sentiment may still match.</param>
    public void Load(Article article, TermTable table, bool unknownWithoutAnalysis)
    {
        Article = article;
        _generation++;
        TokenCount = 0;
        _occurrenceCount = 0;
        PresentCount = 0;
        if (_termGeneration.Length < table.Count)
        {
            _termGeneration = new int[table.Count];
            _head = new int[table.Count];
            _tail = new int[table.Count];
        }

        Read(article.Title, TitleField, table);
        Read(article.Body, BodyField, table);
        AddFacets(article, table, unknownWithoutAnalysis);
    }

    /// <summary>First occurrence of a term, or -1; follow with <see cref="NextOccurrence"/>.</summary>
    public int FirstOccurrence(int termId) => _termGeneration[termId] == _generation ? _head[termId] : -1;

    public bool Contains(int termId) => _termGeneration[termId] == _generation;

    public int NextOccurrence(int occurrence) => _occurrenceNext[occurrence];

    public int TokenOf(int occurrence) => _occurrenceToken[occurrence];

    public bool InFields(int token, Query.TextFields fields) => ((int)fields & (1 << TokenField[token])) != 0;

    private void Read(string text, int field, TermTable table)
    {
        Span<char> buffer = stackalloc char[TokenReader.MaxTokenLength];
        var reader = new TokenReader(text, buffer);
        while (reader.Read())
        {
            var entry = table.Lookup(reader.Folded, reader.HasDigit);
            var token = AddToken(entry.StemId, field, reader.Start, reader.Length);
            if (entry.StemId >= 0)
            {
                AddOccurrence(entry.StemId, token);
            }

            if (entry.PrefixIds is { } prefixIds)
            {
                foreach (var prefixId in prefixIds)
                {
                    AddOccurrence(prefixId, token);
                }
            }
        }
    }

    /// <summary>Marks the facets (<see cref="TermTable.AddSourceFacet"/>) that hold for the article as present, with no occurrence.</summary>
    private void AddFacets(Article article, TermTable table, bool unknownWithoutAnalysis)
    {
        MarkFacet(table.SourceFacet(article.SourceId));
        if (article.Analysis is { } analysis)
        {
            MarkFacet(table.SentimentFacet(analysis.Sentiment.Label));
        }
        else if (unknownWithoutAnalysis)
        {
            foreach (var label in SentimentLabels)
            {
                MarkFacet(table.SentimentFacet(label));
            }
        }
    }

    /// <param name="facetId">-1 when no query uses the facet.</param>
    private void MarkFacet(int facetId)
    {
        if (facetId >= 0)
        {
            MarkPresent(facetId, head: -1);
        }
    }

    /// <summary>Marks the term present with its first occurrence (-1 for none); false if it already was.</summary>
    private bool MarkPresent(int termId, int head)
    {
        if (_termGeneration[termId] == _generation)
        {
            return false;
        }

        _termGeneration[termId] = _generation;
        _head[termId] = head;
        if (PresentCount == _present.Length)
        {
            _present = Grow(_present, PresentCount * 2);
        }

        _present[PresentCount++] = termId;
        return true;
    }

    private int AddToken(int stemId, int field, int offset, int length)
    {
        if (TokenCount == TokenStem.Length)
        {
            var size = TokenCount * 2;
            TokenStem = Grow(TokenStem, size);
            TokenOffset = Grow(TokenOffset, size);
            TokenLength = Grow(TokenLength, size);
            var fields = TokenField;
            Array.Resize(ref fields, size);
            TokenField = fields;
        }

        TokenStem[TokenCount] = stemId;
        TokenField[TokenCount] = (byte)field;
        TokenOffset[TokenCount] = offset;
        TokenLength[TokenCount] = length;
        return TokenCount++;
    }

    private void AddOccurrence(int termId, int token)
    {
        if (_occurrenceCount == _occurrenceToken.Length)
        {
            _occurrenceToken = Grow(_occurrenceToken, _occurrenceCount * 2);
            _occurrenceNext = Grow(_occurrenceNext, _occurrenceCount * 2);
        }

        var occurrence = _occurrenceCount++;
        _occurrenceToken[occurrence] = token;
        _occurrenceNext[occurrence] = -1;
        if (!MarkPresent(termId, head: occurrence))
        {
            _occurrenceNext[_tail[termId]] = occurrence;
        }

        _tail[termId] = occurrence;
    }

    private static int[] Grow(int[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
