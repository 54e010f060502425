using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Analysis.Offline;
using NewsAlerts.Core.Analysis.Offline.Training;
using NewsAlerts.Core.Analysis.Offline.Valence;

namespace NewsAlerts.Core.Tests.Analysis.Valence;

public sealed class ValenceTests
{
    private static readonly WordPieces Pieces = new(["[UNK]", "play", "##ing", "##ed", "cafe", "good", "not"]);

    [Theory]
    [InlineData("Playing", new[] { "play", "##ing" })]
    [InlineData("played", new[] { "play", "##ed" })]
    [InlineData("Café", new[] { "cafe" })]
    [InlineData("xyz", new string[0])]
    public void WordPieces_Split_CutsLikeBertsUncasedTokenizer(string word, string[] expected)
    {
        var pieces = new List<int>();

        Pieces.Split(WordPieces.Normalise(word), pieces);

        Assert.Equal(expected, pieces.Select(p => Pieces.Vocabulary[p]));
    }

    [Fact]
    public void Ridge_OnALinearTarget_RecoversIt()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        var targets = rows.Select(r => 0.5 + 2 * r[0] - r[2]).ToArray();

        var fit = Ridge.Gram(rows, targets, _ => true).Solve(1e-9);

        Assert.Equal(0.5 + 2 * 0.3 - 0.9, fit.Predict([0.3, 0.7, 0.9]), 6);
        Assert.Equal(0.5, fit.RawBias(), 6);
    }

    [Fact]
    public void Valence_NegatedPieces_CountWithTheirOwnWeight()
    {
        var words = new float[Pieces.Count];
        var negated = new float[Pieces.Count];
        words[5] = 0.8f;
        negated[5] = -1.6f;
        var model = new ValenceModel(Pieces, words, negated, [], new float[ValenceFeatures.LexiconFeatureCount], 0, 0.05f, -0.05f, "test");

        var plain = Score(model, "good");
        var notGood = Score(model, "not good");

        Assert.Equal(0.8, plain, 5);
        Assert.Equal((0.8 - 1.6) / 2, notGood, 5);
        Assert.Equal(SentimentLabel.Negative, model.Label(notGood));
    }

    [Fact]
    public void SaveAndLoad_KeepEveryWeight()
    {
        var words = Enumerable.Range(0, Pieces.Count).Select(i => i / 10f).ToArray();
        var model = new ValenceModel(Pieces, words, words.Reverse().ToArray(), new(StringComparer.OrdinalIgnoreCase) { ["good"] = 1.9 },
            [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f], -0.02f, 0.03f, -0.04f, "test");
        using var file = new MemoryStream();

        model.Save(file);
        file.Position = 0;
        var loaded = ValenceModel.Load(file);

        Assert.Equal(Score(model, "not playing good cafe"), Score(loaded, "not playing good cafe"), 6);
        Assert.Equal((model.PositiveAbove, model.NegativeBelow, model.Bias), (loaded.PositiveAbove, loaded.NegativeBelow, loaded.Bias));
    }

    [Fact]
    public void NytSnippets_HeldOutPart_IsEveryFifthEditorial()
    {
        Assert.True(new RatedSentence("10_3", 10, 1, "x").IsHeldOut);
        Assert.False(new RatedSentence("11_3", 11, 1, "x").IsHeldOut);
    }

    private static double Score(ValenceModel model, string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return model.Valence(ValenceFeatures.Of(text, tokens, 0, tokens.Count, model.Pieces, model.SecondLexicon));
    }
}
