namespace NewsAlerts.Core.Analysis.Offline.Valence;

/// <summary>
/// The sentiment of an article as readers judge it: from its title and lead (the first sentences up to
/// <see cref="LeadWords"/> words), scored by the learned <see cref="ValenceModel"/>. The model reads, besides the words,
/// the lexicon rules kept here, in the spirit of VADER with this project's own word list: each word of the lexicon adds
/// its valence; a negation among the three words before flips and damps it; an intensifier before strengthens it, a
/// diminisher weakens it; words after <c>but</c> count more than those before. The label is mixed when the lead holds
/// a clearly positive and a clearly negative sentence.
/// </summary>
internal sealed class SentimentScorer(ValenceModel model)
{
    /// <summary>How much of the article is scored: the title and the first sentences up to this many words.</summary>
    public const int LeadWords = 60;

    /// <summary>A sentence this far beyond a label's threshold counts as clearly positive or negative (for mixed).</summary>
    private const double ClearMargin = 0.2;

    private const double NegationFactor = -0.74;

    /// <summary>This project's lexicon (<c>sentiment.txt</c>), valences -3..+3.</summary>
    public static Dictionary<string, double> OwnLexicon { get; } = LoadLexicon();

    private static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "without", "cannot", "can't", "don't",
        "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "couldn't",
        "hasn't", "haven't", "hadn't", "ain't", "lack", "lacks", "hardly", "barely", "scarcely", "n't",
    };

    private static readonly Dictionary<string, double> Intensifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["very"] = 1.3, ["extremely"] = 1.5, ["highly"] = 1.3, ["really"] = 1.25, ["so"] = 1.2, ["too"] = 1.2,
        ["deeply"] = 1.4, ["most"] = 1.3, ["more"] = 1.15, ["utterly"] = 1.5, ["totally"] = 1.3, ["completely"] = 1.3,
        ["absolutely"] = 1.4, ["incredibly"] = 1.5, ["particularly"] = 1.2, ["especially"] = 1.2, ["truly"] = 1.3,
        ["seriously"] = 1.3, ["increasingly"] = 1.2, ["remarkably"] = 1.3, ["hugely"] = 1.4, ["greatly"] = 1.3,
        ["slightly"] = 0.6, ["somewhat"] = 0.7, ["barely"] = 0.5, ["little"] = 0.7, ["fairly"] = 0.8, ["rather"] = 0.8,
        ["partly"] = 0.7, ["marginally"] = 0.6, ["less"] = 0.7,
    };

    /// <summary>
    /// The sentiment of the article's title and lead: positive is the valence where above 0, negative its opposite
    /// where below, neutral the rest, so the three sum to 1 and positive − negative is the valence.
    /// </summary>
    public Sentiment Score(string text, List<Token> tokens)
    {
        var sentences = Tagging.SentenceSplitter.Split(text, tokens);
        var leadEnd = 0;
        var words = 0;
        var clearlyPositive = false;
        var clearlyNegative = false;
        foreach (var (start, end) in sentences)
        {
            if (words >= LeadWords)
            {
                break;
            }

            for (var i = start; i < end; i++)
            {
                words += tokens[i].Kind == TokenKind.Word ? 1 : 0;
            }

            var sentence = model.Valence(ValenceFeatures.Of(text, tokens, start, end, model.Pieces, model.SecondLexicon));
            clearlyPositive |= sentence > model.PositiveAbove + ClearMargin;
            clearlyNegative |= sentence < model.NegativeBelow - ClearMargin;
            leadEnd = end;
        }

        var valence = model.Valence(ValenceFeatures.Of(text, tokens, 0, leadEnd, model.Pieces, model.SecondLexicon));
        var label = clearlyPositive && clearlyNegative ? SentimentLabel.Mixed : model.Label(valence);
        var positive = Math.Round(Math.Max(valence, 0), 4);
        var negative = Math.Round(Math.Max(-valence, 0), 4);
        return new Sentiment(label, positive, Math.Round(1 - positive - negative, 4), negative);
    }

    public static bool IsNegation(string word) =>
        Negations.Contains(word) || word.EndsWith("n't", StringComparison.OrdinalIgnoreCase) || word.EndsWith("n’t", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The lexicon rules over tokens [start, end): the sum of the sentences' compounds over the square root of their
    /// number (so one strong sentence in a long text does not decide it), and the positive and negative valence mass.
    /// </summary>
    public static (double Compound, double Positive, double Negative) LexiconScore(string text, List<Token> tokens, int start, int end, Dictionary<string, double> lexicon)
    {
        double sum = 0, positiveMass = 0, negativeMass = 0;
        var sentences = 0;
        var from = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && !EndsSentence(text, tokens, i))
            {
                continue;
            }

            var (compound, positive, negative) = ScoreSentence(text, tokens, from, i, lexicon);
            from = i + 1;
            if (positive == 0 && negative == 0)
            {
                continue;
            }

            sentences++;
            sum += compound;
            positiveMass += positive;
            negativeMass += negative;
        }

        return (sentences == 0 ? 0 : Math.Clamp(sum / Math.Sqrt(sentences), -1, 1), positiveMass, negativeMass);
    }

    /// <summary>A compound in -1..1 and the positive and negative valence mass of one sentence.</summary>
    private static (double Compound, double Positive, double Negative) ScoreSentence(string text, List<Token> tokens, int start, int end, Dictionary<string, double> words)
    {
        double positive = 0, negative = 0;
        var butIndex = -1;
        for (var i = start; i < end; i++)
        {
            if (tokens[i].Kind == TokenKind.Word && tokens[i].In(text).Equals("but", StringComparison.OrdinalIgnoreCase))
            {
                butIndex = i;
            }
        }

        var lexicon = words.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = start; i < end; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !lexicon.TryGetValue(tokens[i].In(text), out var valence))
            {
                continue;
            }

            valence *= Modifier(text, tokens, start, i);
            if (butIndex >= 0)
            {
                valence *= i < butIndex ? 0.5 : 1.5;
            }

            if (valence > 0)
            {
                positive += valence;
            }
            else
            {
                negative -= valence;
            }
        }

        var total = positive - negative;
        return (total / Math.Sqrt(total * total + 15), positive, negative);
    }

    /// <summary>The product of negations and intensifiers among the three words before the sentiment word.</summary>
    private static double Modifier(string text, List<Token> tokens, int sentenceStart, int index)
    {
        var factor = 1.0;
        var seen = 0;
        var intensifiers = Intensifiers.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var j = index - 1; j >= sentenceStart && seen < 3; j--)
        {
            if (tokens[j].Kind != TokenKind.Word)
            {
                continue;
            }

            var word = tokens[j].In(text);
            if (Negations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) || word.EndsWith("n't", StringComparison.OrdinalIgnoreCase) || word.EndsWith("n’t", StringComparison.OrdinalIgnoreCase))
            {
                factor *= NegationFactor;
            }
            else if (seen == 0 && intensifiers.TryGetValue(word, out var intensity))
            {
                factor *= intensity;
            }

            seen++;
        }

        return factor;
    }

    private static bool EndsSentence(string text, List<Token> tokens, int index) =>
        tokens[index].Kind == TokenKind.Punctuation && text[tokens[index].Offset] is '.' or '!' or '?' or '\n';

    private static Dictionary<string, double> LoadLexicon()
    {
        var lexicon = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in EmbeddedData.Lines("sentiment.txt"))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var valence = double.Parse(words[0], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var word in words.Skip(1))
            {
                lexicon.TryAdd(word, valence);
            }
        }

        return lexicon;
    }
}
