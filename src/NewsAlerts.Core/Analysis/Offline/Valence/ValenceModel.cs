using System.Reflection;

namespace NewsAlerts.Core.Analysis.Offline.Valence;

/// <summary>
/// A learned valence model: a ridge regression on a text's mean word-piece embedding (MiniLM's input embeddings), the
/// mean embedding of negated words, and the lexicon rules' scores. Being linear, the embedding part folds into one
/// weight per word piece, so scoring a text is a table lookup per piece: no embedding matrix ships. Valence is in
/// -1..1; above <see cref="PositiveAbove"/> is positive, below <see cref="NegativeBelow"/> negative.
/// </summary>
internal sealed class ValenceModel
{
    private const string Magic = "NAVAL";
    private const int FormatVersion = 1;
    private const string ResourceName = "NewsAlerts.Analysis.valence.model";

    private static readonly Lazy<ValenceModel> ShippedModel = new(LoadShipped);

    public ValenceModel(WordPieces pieces, float[] wordWeights, float[] negatedWeights, Dictionary<string, double> secondLexicon,
        float[] lexiconWeights, float bias, float positiveAbove, float negativeBelow, string description)
    {
        SecondLexicon = secondLexicon;
        Pieces = pieces;
        WordWeights = wordWeights;
        NegatedWeights = negatedWeights;
        LexiconWeights = lexiconWeights;
        Bias = bias;
        PositiveAbove = positiveAbove;
        NegativeBelow = negativeBelow;
        Description = description;
    }

    public static ValenceModel Shipped => ShippedModel.Value;

    public WordPieces Pieces { get; }

    public float[] WordWeights { get; }

    public float[] NegatedWeights { get; }

    public float[] LexiconWeights { get; }

    /// <summary>A second word list run through the same rules (VADER's lexicon in the shipped model); may be empty.</summary>
    public Dictionary<string, double> SecondLexicon { get; }

    public float Bias { get; }

    public float PositiveAbove { get; }

    public float NegativeBelow { get; }

    public string Description { get; }

    public double Valence(ValenceFeatures features)
    {
        double sum = 0;
        foreach (var piece in features.Pieces)
        {
            sum += WordWeights[piece];
        }

        foreach (var piece in features.NegatedPieces)
        {
            sum += NegatedWeights[piece];
        }

        var valence = Bias + (features.Pieces.Count == 0 ? 0 : sum / features.Pieces.Count);
        for (var k = 0; k < LexiconWeights.Length; k++)
        {
            valence += LexiconWeights[k] * features.Lexicon[k];
        }

        return Math.Clamp(valence, -1, 1);
    }

    public SentimentLabel Label(double valence) =>
        valence > PositiveAbove ? SentimentLabel.Positive : valence < NegativeBelow ? SentimentLabel.Negative : SentimentLabel.Neutral;

    public void Save(Stream stream)
    {
        using var writer = ModelFile.Writer(stream, Magic, FormatVersion);
        writer.Write(Description);
        writer.Write(Pieces.Count);
        for (var i = 0; i < Pieces.Count; i++)
        {
            writer.Write(Pieces.Vocabulary[i]);
            writer.Write(WordWeights[i]);
            writer.Write(NegatedWeights[i]);
        }

        writer.Write(SecondLexicon.Count);
        foreach (var (word, valence) in SecondLexicon)
        {
            writer.Write(word);
            writer.Write(valence);
        }

        writer.Write(LexiconWeights.Length);
        foreach (var w in LexiconWeights)
        {
            writer.Write(w);
        }

        writer.Write(Bias);
        writer.Write(PositiveAbove);
        writer.Write(NegativeBelow);
    }

    public static ValenceModel Load(Stream stream)
    {
        using var reader = ModelFile.Reader(stream, Magic, FormatVersion, "a valence model");

        var description = reader.ReadString();
        var count = reader.ReadInt32();
        var vocabulary = new string[count];
        var words = new float[count];
        var negated = new float[count];
        for (var i = 0; i < count; i++)
        {
            vocabulary[i] = reader.ReadString();
            words[i] = reader.ReadSingle();
            negated[i] = reader.ReadSingle();
        }

        var second = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        for (var count2 = reader.ReadInt32(); count2 > 0; count2--)
        {
            second[reader.ReadString()] = reader.ReadDouble();
        }

        var lexicon = new float[reader.ReadInt32()];
        for (var k = 0; k < lexicon.Length; k++)
        {
            lexicon[k] = reader.ReadSingle();
        }

        return new ValenceModel(new WordPieces(vocabulary), words, negated, second, lexicon, reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), description);
    }

    private static ValenceModel LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from NewsAlerts.Core.");
        return Load(stream);
    }
}

/// <summary>What the valence model reads of a text: its word pieces, those of negated words, and the lexicon rules' scores.</summary>
internal sealed class ValenceFeatures
{
    /// <summary>Negation reaches this many words ahead, up to a punctuation mark (<c>not very good</c>).</summary>
    private const int NegationScope = 3;

    public List<int> Pieces { get; } = [];

    public List<int> NegatedPieces { get; } = [];

    /// <summary>
    /// Whether a negation occurs, then for this project's lexicon and the second one: the rules' compound and the
    /// positive and negative mass per √words.
    /// </summary>
    public double[] Lexicon { get; } = new double[LexiconFeatureCount];

    public const int LexiconFeatureCount = 7;

    public static ValenceFeatures Of(string text, List<Token> tokens, int start, int end, WordPieces pieces, Dictionary<string, double> secondLexicon)
    {
        var features = new ValenceFeatures();
        var negatedLeft = 0;
        var words = 0;
        var negations = 0;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Punctuation)
            {
                negatedLeft = 0;
                continue;
            }

            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            words++;
            var word = token.Text(text);
            var from = features.Pieces.Count;
            pieces.Split(WordPieces.Normalise(word), features.Pieces);
            if (negatedLeft > 0)
            {
                for (var k = from; k < features.Pieces.Count; k++)
                {
                    features.NegatedPieces.Add(features.Pieces[k]);
                }

                negatedLeft--;
            }

            if (SentimentScorer.IsNegation(word))
            {
                negations++;
                negatedLeft = NegationScope;
            }
        }

        var scale = Math.Sqrt(words + 1);
        features.Lexicon[0] = negations > 0 ? 1 : 0;
        foreach (var (lexicon, at) in new[] { (SentimentScorer.OwnLexicon, 1), (secondLexicon, 4) })
        {
            var (compound, positive, negative) = SentimentScorer.LexiconScore(text, tokens, start, end, lexicon);
            features.Lexicon[at] = compound;
            features.Lexicon[at + 1] = positive / scale;
            features.Lexicon[at + 2] = negative / scale;
        }

        return features;
    }
}
