namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>
/// Lexicon and rules, in the spirit of VADER but with this project's own word list: each word of the lexicon adds its
/// valence; a negation among the three words before flips and damps it; an intensifier before strengthens it, a
/// diminisher weakens it; words after <c>but</c> count more than those before. A sentence's sum is squashed to
/// a compound score in -1..1; the article's compound is the sum over sentences with sentiment divided by the square
/// root of their number (so one strong sentence in a long article does not decide it). Label: positive above 0.05,
/// negative below -0.05, otherwise neutral; mixed when clearly positive and clearly negative sentences balance.
/// </summary>
internal sealed class SentimentScorer
{
    private const double Threshold = 0.05;
    private const double NegationFactor = -0.74;
    private const double StrongSentence = 0.4;

    private static readonly Dictionary<string, double> Lexicon = LoadLexicon();

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

    /// <summary>The sentiment of the text, with the three scores summing to 1.</summary>
    public static Sentiment Score(string text, List<Token> tokens)
    {
        double sum = 0, positiveSentences = 0, negativeSentences = 0, positiveMass = 0, negativeMass = 0;
        var sentences = 0;
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && !EndsSentence(text, tokens, i))
            {
                continue;
            }

            var (compound, positive, negative) = ScoreSentence(text, tokens, start, i);
            start = i + 1;
            if (positive == 0 && negative == 0)
            {
                continue;
            }

            sentences++;
            sum += compound;
            positiveMass += positive;
            negativeMass += negative;
            positiveSentences += compound >= StrongSentence ? 1 : 0;
            negativeSentences += compound <= -StrongSentence ? 1 : 0;
        }

        var articleCompound = sentences == 0 ? 0 : Math.Clamp(sum / Math.Sqrt(sentences), -1, 1);
        return ToSentiment(articleCompound, positiveMass, negativeMass, positiveSentences, negativeSentences);
    }

    /// <summary>A compound in -1..1 and the positive and negative valence mass of one sentence.</summary>
    private static (double Compound, double Positive, double Negative) ScoreSentence(string text, List<Token> tokens, int start, int end)
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

        var lexicon = Lexicon.GetAlternateLookup<ReadOnlySpan<char>>();
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

    private static Sentiment ToSentiment(double compound, double positiveMass, double negativeMass, double positiveSentences, double negativeSentences)
    {
        var strength = Math.Abs(compound);
        var mass = positiveMass + negativeMass;
        var positiveShare = mass == 0 ? 0.5 : positiveMass / mass;
        var positive = Math.Round(strength * positiveShare + (1 - strength) * positiveShare * 0.2, 4);
        var negative = Math.Round(strength * (1 - positiveShare) + (1 - strength) * (1 - positiveShare) * 0.2, 4);
        if (mass == 0)
        {
            positive = negative = 0;
        }

        var neutral = Math.Round(1 - positive - negative, 4);
        var balanced = positiveSentences > 0 && negativeSentences > 0
            && Math.Max(positiveSentences, negativeSentences) <= 2 * Math.Min(positiveSentences, negativeSentences);
        var label = compound switch
        {
            _ when balanced => SentimentLabel.Mixed,
            >= Threshold => SentimentLabel.Positive,
            <= -Threshold => SentimentLabel.Negative,
            _ => SentimentLabel.Neutral,
        };
        return new Sentiment(label, positive, neutral, negative);
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
