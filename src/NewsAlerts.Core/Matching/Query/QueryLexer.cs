namespace NewsAlerts.Core.Matching.Query;

internal enum QueryTokenKind
{
    Word,
    Quoted,
    LeftParen,
    RightParen,
    Minus,
    End,
}

/// <summary>A lexical token of a query; <see cref="Text"/> is a word or the inside of quotes.</summary>
internal readonly record struct QueryToken(QueryTokenKind Kind, string Text, int Position, int Length);

/// <summary>Splits a query into words, quoted phrases, parentheses and leading minus signs.</summary>
internal static class QueryLexer
{
    public static List<QueryToken> Lex(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new(c == '(' ? QueryTokenKind.LeftParen : QueryTokenKind.RightParen, c.ToString(), i, 1));
                i++;
            }
            else if (IsQuote(c))
            {
                i = LexQuoted(query, i, tokens);
            }
            else if (c == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]) && StartsClause(tokens))
            {
                tokens.Add(new(QueryTokenKind.Minus, "-", i, 1));
                i++;
            }
            else
            {
                var start = i;
                while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')') && !IsQuote(query[i]))
                {
                    i++;
                }

                tokens.Add(new(QueryTokenKind.Word, query[start..i], start, i - start));
            }
        }

        tokens.Add(new(QueryTokenKind.End, "", query.Length, 0));
        return tokens;
    }

    private static int LexQuoted(string query, int start, List<QueryToken> tokens)
    {
        var close = start + 1;
        while (close < query.Length && !IsQuote(query[close]))
        {
            close++;
        }

        if (close >= query.Length)
        {
            throw new QueryException("unclosed quote: a phrase needs a closing \"", query, start);
        }

        tokens.Add(new(QueryTokenKind.Quoted, query[(start + 1)..close], start, close + 1 - start));
        return close + 1;
    }

    // A minus negates only at the start of a clause, so "covid-19" stays one word.
    private static bool StartsClause(List<QueryToken> tokens) =>
        tokens.Count == 0 || tokens[^1].Kind != QueryTokenKind.Word || !tokens[^1].Text.EndsWith(':');

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D';
}
