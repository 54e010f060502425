namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>The text and tokens of one article, with the questions the entity rules ask about a token's neighbourhood.</summary>
internal sealed class SpanContext(string text, List<Token> tokens)
{
    private static readonly HashSet<string> CommonWords = new(EmbeddedData.Words("common-words.txt"), StringComparer.OrdinalIgnoreCase);

    private HashSet<string>? lowerCaseWords;

    public string Text { get; } = text;

    public List<Token> Tokens { get; } = tokens;

    public string Word(int index) => Tokens[index].Text(Text);

    public bool IsCapitalised(int index) => Tokens[index].IsCapitalised(Text);

    /// <summary>The first token after the capitalised span starting at <paramref name="start"/> (= start when there is none).</summary>
    public int SpanEnd(int start)
    {
        if (!IsNameWord(start))
        {
            return start;
        }

        var end = start + 1;
        while (end < Tokens.Count && !LineBreakBefore(end))
        {
            if (IsNameWord(end))
            {
                end++;
            }
            else if (IsJoiner(end) && end + 1 < Tokens.Count && IsNameWord(end + 1) && !LineBreakBefore(end + 1))
            {
                end += 2;
            }
            else if (IsAbbreviationDot(end) || IsInitialDot(end))
            {
                end++;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    /// <summary>Drops connectors and hyphens left at the end of a run.</summary>
    public int TrimTrailingJoiners(int start, int end)
    {
        while (end > start + 1 && !IsCapitalised(end - 1) && Tokens[end - 1].Kind != TokenKind.Punctuation)
        {
            end--;
        }

        return end;
    }

    public bool IsSentenceStart(int index)
    {
        if (index == 0 || LineBreakBefore(index))
        {
            return true;
        }

        var previous = Tokens[index - 1];
        return previous.Kind == TokenKind.Punctuation && Text[previous.Offset] is '.' or '!' or '?' or ':' or ';' or '"' or '“' or '‘' or '—' or '(';
    }

    /// <summary>A word also written in lower case in this article, or one of the common English words.</summary>
    public bool IsCommonWord(string word)
    {
        if (CommonWords.Contains(word))
        {
            return true;
        }

        lowerCaseWords ??= Tokens.Where(t => t.Kind == TokenKind.Word && char.IsLower(Text[t.Offset])).Select(t => t.Text(Text)).ToHashSet(StringComparer.Ordinal);
        return lowerCaseWords.Contains(word.ToLowerInvariant());
    }

    /// <summary>The lower-case word right before the token, if there is one on the same line.</summary>
    public string? LowerWordBefore(int index)
    {
        if (index == 0 || LineBreakBefore(index))
        {
            return null;
        }

        var previous = Tokens[index - 1];
        return previous.Kind == TokenKind.Word && char.IsLower(Text[previous.Offset]) ? previous.Text(Text) : null;
    }

    /// <summary>
    /// A reporting verb after the name (<c>Peskov explained</c>), an apposition with a role (<c>Abu Marzouk, a member</c>),
    /// <c>, who</c>, or a possessive before a role (<c>Putin’s spokesman</c>).
    /// </summary>
    public bool PersonCueAfter(int end)
    {
        if (end >= Tokens.Count)
        {
            return false;
        }

        var next = Word(end);
        if (Cues.VerbsAfter.Contains(next))
        {
            return true;
        }

        if (next == "," && end + 1 < Tokens.Count)
        {
            var after = Word(end + 1);
            return after == "who" || (after is "a" or "an" or "the" && RoleWithin(end + 2, 3));
        }

        return next is "'" or "’" && end + 2 < Tokens.Count && Word(end + 1) == "s" && RoleWithin(end + 2, 2);
    }

    public bool HasOrganizationWord(int start, int end)
    {
        if (end - start < 2)
        {
            return false;
        }

        if (Cues.OrganizationWords.Contains(Word(end - 1)))
        {
            return true;
        }

        for (var i = start; i < end - 1; i++)
        {
            if (Cues.OrganizationWords.Contains(Word(i)) && Cues.Connectors.Contains(Word(i + 1)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short line written mostly in capitalised words, such as a heading (<c>Similar Posts</c>).</summary>
    public bool IsHeadline(int index)
    {
        var lineStart = Text.LastIndexOf('\n', Tokens[index].Offset) + 1;
        var lineEnd = Text.IndexOf('\n', Tokens[index].Offset);
        var line = Text.AsSpan(lineStart, (lineEnd < 0 ? Text.Length : lineEnd) - lineStart);
        int words = 0, capitalised = 0;
        foreach (var word in line.Split(' '))
        {
            var w = line[word];
            if (w.Length > 0 && char.IsLetter(w[0]))
            {
                words++;
                capitalised += char.IsUpper(w[0]) ? 1 : 0;
            }
        }

        return words <= 12 && capitalised * 3 >= words * 2;
    }

    public string SpanText(int start, int end) => Text[Tokens[start].Offset..Tokens[end - 1].End];

    public Entity Entity(int start, int end, string category, string? subcategory, double confidence)
    {
        var offset = Tokens[start].Offset;
        var length = Tokens[end - 1].End - offset;
        return new Entity(Text.Substring(offset, length), category, subcategory, offset, length, confidence);
    }

    private bool RoleWithin(int from, int count)
    {
        for (var i = from; i < Math.Min(Tokens.Count, from + count); i++)
        {
            if (Tokens[i].Kind == TokenKind.Word && Cues.RolesBefore.Contains(Word(i)))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsNameWord(int index) =>
        IsCapitalised(index) && !Cues.NeverNames.Contains(Word(index));

    /// <summary>A lower-case connector (<c>of</c>) or a hyphen written without spaces (<c>Guinea-Bissau</c>).</summary>
    private bool IsJoiner(int index)
    {
        var token = Tokens[index];
        if (token.Kind == TokenKind.Word)
        {
            return Cues.Connectors.Contains(Word(index));
        }

        return Text[token.Offset] == '-' && Tokens[index - 1].End == token.Offset && index + 1 < Tokens.Count && Tokens[index + 1].Offset == token.End;
    }

    private bool IsAbbreviationDot(int index)
    {
        var token = Tokens[index];
        var previous = Tokens[index - 1];
        return Text[token.Offset] == '.' && previous.End == token.Offset && previous.In(Text).Contains('.');
    }

    /// <summary>The dot of a middle initial (<c>John C. Smith</c>): a single capital letter, a dot, then a capitalised word.</summary>
    private bool IsInitialDot(int index)
    {
        var token = Tokens[index];
        var previous = Tokens[index - 1];
        return Text[token.Offset] == '.' && previous.Length == 1 && char.IsUpper(Text[previous.Offset])
            && index + 1 < Tokens.Count && IsNameWord(index + 1);
    }

    private bool LineBreakBefore(int index) =>
        index > 0 && Text.AsSpan(Tokens[index - 1].End, Tokens[index].Offset - Tokens[index - 1].End).Contains('\n');
}
