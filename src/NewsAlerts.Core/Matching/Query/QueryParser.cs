using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Core.Matching.Query;

/// <summary>
/// Parses the watchlist query language into a <see cref="QueryNode"/> tree. Grammar, loosest binding first:
/// <c>or := and ("OR" and)*</c>; <c>and := unary ("AND"? unary)*</c>; <c>unary := ("NOT" | "-") unary | near</c>;
/// <c>near := primary ("NEAR/n" primary)*</c>; <c>primary := "(" or ")" | field ":" value | "phrase" | @alias | word | word*</c>.
/// </summary>
public sealed class QueryParser
{
    private static readonly string[] FieldNames = ["title", "body", "source", "lang", "entity", "sentiment"];

    private readonly string _query;
    private readonly List<QueryToken> _tokens;
    private int _index;
    private int _depth;
    private int _clauses;

    private QueryParser(string query)
    {
        _query = query;
        _tokens = QueryLexer.Lex(query);
    }

    /// <summary>Parses a query; throws <see cref="QueryException"/> naming the problem and its position.</summary>
    public static QueryNode Parse(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new QueryException("the query is empty", query ?? "", 0);
        }

        if (query.Length > QueryLimits.MaxQueryLength)
        {
            throw new QueryException($"the query is {query.Length} chars long; the limit is {QueryLimits.MaxQueryLength}", query, QueryLimits.MaxQueryLength);
        }

        var parser = new QueryParser(query);
        var root = parser.ParseOr(TextFields.Any);
        if (parser.Peek.Kind == QueryTokenKind.RightParen)
        {
            throw parser.Error("unexpected ')' without a matching '('", parser.Peek.Position);
        }

        return root;
    }

    private QueryToken Peek => _tokens[_index];

    private QueryNode ParseOr(TextFields fields)
    {
        var start = Peek.Position;
        var children = new List<QueryNode> { ParseAnd(fields) };
        while (IsKeyword(Peek, "OR"))
        {
            var or = Next();
            if (EndsClause(Peek))
            {
                throw Error("OR needs a clause after it", or.Position);
            }

            children.Add(ParseAnd(fields));
        }

        return children.Count == 1 ? children[0] : new OrNode(Span(start), start, children);
    }

    private QueryNode ParseAnd(TextFields fields)
    {
        var start = Peek.Position;
        var children = new List<QueryNode> { ParseUnary(fields) };
        while (!EndsClause(Peek) && !IsKeyword(Peek, "OR"))
        {
            if (IsKeyword(Peek, "AND"))
            {
                var and = Next();
                if (EndsClause(Peek) || IsKeyword(Peek, "OR"))
                {
                    throw Error("AND needs a clause after it", and.Position);
                }
            }

            children.Add(ParseUnary(fields));
        }

        return children.Count == 1 ? children[0] : new AndNode(Span(start), start, children);
    }

    private QueryNode ParseUnary(TextFields fields)
    {
        var token = Peek;
        if (token.Kind == QueryTokenKind.Minus || IsKeyword(token, "NOT"))
        {
            Next();
            if (EndsClause(Peek))
            {
                throw Error($"'{token.Text}' needs a clause after it", token.Position);
            }

            var child = ParseUnary(fields);
            return new NotNode(Span(token.Position), token.Position, child);
        }

        return ParseNear(fields);
    }

    private QueryNode ParseNear(TextFields fields)
    {
        var start = Peek.Position;
        var left = ParsePrimary(fields);
        while (TryNearDistance(Peek, out var distance))
        {
            var near = Next();
            if (EndsClause(Peek))
            {
                throw Error("NEAR needs a clause after it", near.Position);
            }

            var right = ParsePrimary(fields);
            left = new NearNode(Span(start), start, left, right, distance);
        }

        return left;
    }

    private QueryNode ParsePrimary(TextFields fields)
    {
        var token = Peek;
        switch (token.Kind)
        {
            case QueryTokenKind.LeftParen:
                return ParseGroup(fields);
            case QueryTokenKind.Quoted:
                Next();
                CountClause(token);
                return new PhraseNode(_query.Substring(token.Position, token.Length), token.Position, token.Text, fields);
            case QueryTokenKind.Word when IsOperator(token):
                throw Error($"'{token.Text}' needs a clause before it", token.Position);
            case QueryTokenKind.Word:
                return ParseWord(fields);
            case QueryTokenKind.RightParen:
                throw Error("unexpected ')': a clause was expected", token.Position);
            default:
                throw Error("the query ends where a clause was expected", token.Position);
        }
    }

    private QueryNode ParseGroup(TextFields fields)
    {
        var open = Next();
        if (++_depth > QueryLimits.MaxDepth)
        {
            throw Error($"parentheses are nested more than {QueryLimits.MaxDepth} deep", open.Position);
        }

        if (Peek.Kind == QueryTokenKind.RightParen)
        {
            throw Error("empty parentheses", open.Position);
        }

        var inner = ParseOr(fields);
        if (Peek.Kind != QueryTokenKind.RightParen)
        {
            throw Error("missing ')' to close this '('", open.Position);
        }

        Next();
        _depth--;
        return inner;
    }

    private QueryNode ParseWord(TextFields fields)
    {
        var token = Next();
        var text = token.Text;
        if (text.StartsWith('@'))
        {
            CountClause(token);
            return new AliasNode(text, token.Position, text[1..], fields);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && text[..colon].All(char.IsLetter))
        {
            return ParseField(token, text[..colon], text[(colon + 1)..], fields);
        }

        CountClause(token);
        var star = text.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != text.Length - 1)
        {
            throw Error("a wildcard '*' may only end a word", token.Position + star);
        }

        return new WordNode(text, token.Position, star >= 0 ? text[..^1] : text, star >= 0, fields);
    }

    private QueryNode ParseField(QueryToken token, string field, string rest, TextFields fields)
    {
        var name = field.ToLowerInvariant();
        if (!FieldNames.Contains(name))
        {
            throw Error($"unknown field '{field}:'; fields are {string.Join(", ", FieldNames.Select(f => f + ":"))}", token.Position);
        }

        if (name is "title" or "body")
        {
            if (fields != TextFields.Any)
            {
                throw Error($"'{field}:' inside another title: or body: clause", token.Position);
            }

            var scoped = name == "title" ? TextFields.Title : TextFields.Body;
            var innerColon = rest.IndexOf(':', StringComparison.Ordinal);
            if (innerColon > 0 && rest[..innerColon].All(char.IsLetter))
            {
                throw Error($"'{rest[..(innerColon + 1)]}' inside another title: or body: clause", token.Position + field.Length + 1);
            }

            if (rest.Length > 0)
            {
                return ParseScopedWord(token, field.Length + 1, rest, scoped);
            }

            if (EndsClause(Peek))
            {
                throw Error($"'{field}:' needs a value", token.Position);
            }

            return ParsePrimary(scoped);
        }

        CountClause(token);
        var (value, valuePosition) = FieldValue(token, field, rest);
        return name switch
        {
            "source" => new SourceNode(Span(token.Position), token.Position, value),
            "lang" => new LangNode(Span(token.Position), token.Position, value),
            "sentiment" => new SentimentNode(Span(token.Position), token.Position, ParseSentiment(value, valuePosition)),
            _ => ParseEntity(token, rest),
        };
    }

    private WordNode ParseScopedWord(QueryToken token, int skip, string word, TextFields fields)
    {
        var inner = new QueryToken(QueryTokenKind.Word, word, token.Position + skip, word.Length);
        var star = word.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != word.Length - 1)
        {
            throw Error("a wildcard '*' may only end a word", inner.Position + star);
        }

        CountClause(token);
        return new WordNode(token.Text, token.Position, star >= 0 ? word[..^1] : word, star >= 0, fields);
    }

    private (string Value, int Position) FieldValue(QueryToken token, string field, string rest)
    {
        if (rest.Length > 0)
        {
            return (rest, token.Position + field.Length + 1);
        }

        if (Peek.Kind == QueryTokenKind.Quoted)
        {
            var quoted = Next();
            return (quoted.Text, quoted.Position);
        }

        throw Error($"'{field}:' needs a value", token.Position);
    }

    private EntityNode ParseEntity(QueryToken token, string rest)
    {
        // entity:Name, entity:"Full Name", entity:Category:Name or entity:Category:"Full Name".
        string? category = null;
        string name;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            category = rest[..colon];
            var after = rest[(colon + 1)..];
            name = after.Length > 0 ? after : Peek.Kind == QueryTokenKind.Quoted ? Next().Text : throw Error($"'entity:{category}:' needs a name", token.Position);
            if (!EntityCategoryNames.TryNormalize(category, out var known))
            {
                throw Error($"unknown entity category '{category}'; categories are {string.Join(", ", EntityCategoryNames.All)}", token.Position + 7);
            }

            category = known;
        }
        else
        {
            name = rest.Length > 0 ? rest : _tokens[_index - 1].Kind == QueryTokenKind.Quoted ? _tokens[_index - 1].Text : "";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw Error("'entity:' needs a name", token.Position);
        }

        return new EntityNode(Span(token.Position), token.Position, category, name);
    }

    private SentimentLabel ParseSentiment(string value, int position) =>
        Enum.TryParse<SentimentLabel>(value, ignoreCase: true, out var label) && !int.TryParse(value, out _)
            ? label
            : throw Error($"unknown sentiment '{value}'; use negative, neutral, positive or mixed", position);

    private static bool TryNearDistance(QueryToken token, out int distance)
    {
        distance = QueryLimits.DefaultNearDistance;
        if (token.Kind != QueryTokenKind.Word || !token.Text.StartsWith("NEAR", StringComparison.Ordinal))
        {
            return false;
        }

        if (token.Text == "NEAR")
        {
            return true;
        }

        return token.Text.StartsWith("NEAR/", StringComparison.Ordinal) && int.TryParse(token.Text.AsSpan(5), out distance) && distance >= 0;
    }

    private bool IsOperator(QueryToken token) =>
        IsKeyword(token, "OR") || IsKeyword(token, "AND") || TryNearDistance(token, out _) || CheckBadNear(token);

    private bool CheckBadNear(QueryToken token) =>
        token.Text.StartsWith("NEAR/", StringComparison.Ordinal)
            ? throw Error($"'{token.Text}' needs a number of words after NEAR/ (0 to {QueryLimits.MaxNearDistance})", token.Position)
            : false;

    private QueryToken Next()
    {
        var token = _tokens[_index];
        if (token.Kind != QueryTokenKind.End)
        {
            _index++;
        }

        if (TryNearDistance(token, out var distance) && distance > QueryLimits.MaxNearDistance)
        {
            throw Error($"NEAR/{distance} is too far; the limit is NEAR/{QueryLimits.MaxNearDistance}", token.Position);
        }

        return token;
    }

    private void CountClause(QueryToken token)
    {
        if (++_clauses > QueryLimits.MaxClauses)
        {
            throw Error($"the query has more than {QueryLimits.MaxClauses} clauses", token.Position);
        }
    }

    private static bool EndsClause(QueryToken token) => token.Kind is QueryTokenKind.End or QueryTokenKind.RightParen;

    private static bool IsKeyword(QueryToken token, string keyword) =>
        token.Kind == QueryTokenKind.Word && string.Equals(token.Text, keyword, StringComparison.Ordinal);

    private string Span(int start)
    {
        var end = _index > 0 ? _tokens[_index - 1].Position + _tokens[_index - 1].Length : start;
        return _query[start..Math.Max(start, end)];
    }

    private QueryException Error(string problem, int position) => new(problem, _query, position);
}
