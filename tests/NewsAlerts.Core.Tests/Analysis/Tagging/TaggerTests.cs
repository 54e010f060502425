using NewsAlerts.Core.Analysis.Offline;
using NewsAlerts.Core.Analysis.Offline.Tagging;
using NewsAlerts.Core.Analysis.Offline.Training;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Analysis.Tagging;

public sealed class TaggerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ConllReader_Iob1AndIob2_GiveTheSameTextAndEntities()
    {
        var iob1 = ConllReader.Read(_folder.Write("iob1.txt", TinyCorpus.Conll(iob1: true)));
        var iob2 = ConllReader.Read(_folder.Write("iob2.txt", TinyCorpus.Conll(iob1: false)));

        Assert.Equal(6, iob2.Count);
        Assert.Equal(iob2.Select(d => d.Text), iob1.Select(d => d.Text));
        Assert.Equal(iob2.SelectMany(d => d.Entities), iob1.SelectMany(d => d.Entities));
        var first = iob2[0];
        Assert.StartsWith("Alice Smith visited Paris on Monday .\nAcme Corp hired Alice Smith in Paris .\n", first.Text, StringComparison.Ordinal);
        Assert.Equal((0, 11, "PER"), first.Entities[0]);
        Assert.Equal((20, 5, "LOC"), first.Entities[1]);
    }

    [Fact]
    public void ConllReader_UnknownTag_NamesFileAndLine()
    {
        var path = _folder.Write("bad.txt", "Alice B-PER\nSmith X-PER\n");

        var error = Assert.Throws<InvalidDataException>(() => ConllReader.Read(path));

        Assert.Equal($"{path}:2: tag 'X-PER' is not O, B-TYPE or I-TYPE", error.Message);
    }

    [Fact]
    public void Train_OnHandWrittenSentences_TagsNamesInASentenceItNeverSaw()
    {
        var model = Train();

        var spans = Tag(model, "Initech hired Chen Wei in Tallinn .");

        Assert.Equal([("Initech", "ORG"), ("Chen Wei", "PER"), ("Tallinn", "LOC")], spans);
    }

    [Fact]
    public void SaveAndLoad_GiveAModelThatTagsAlike()
    {
        var model = Train();
        using var file = new MemoryStream();

        model.Save(file);
        file.Position = 0;
        var loaded = TaggerModel.Load(file);

        Assert.Equal(model.Tags.Types, loaded.Tags.Types);
        Assert.Equal(Tag(model, "Globex hired Emil Novak in Lima ."), Tag(loaded, "Globex hired Emil Novak in Lima ."));
    }

    [Fact]
    public void Load_NotAModel_SaysSo()
    {
        using var file = new MemoryStream([1, 2, 3, 4, 5]);

        Assert.ThrowsAny<Exception>(() => TaggerModel.Load(file));
    }

    [Fact]
    public void DocumentConsistency_SurnameAfterFullName_BecomesThePerson()
    {
        var input = Input("Maria Zakharova spoke .\nLater Zakharova left .");
        var labels = new int[input.Words.Length];
        labels[0] = TagSet.Begin(0);
        labels[1] = TagSet.Inside(0);

        DocumentConsistency.Apply(input, labels, personType: 0);

        Assert.Equal(TagSet.Begin(0), labels[Array.IndexOf(input.Words, "Zakharova", 2)]);
    }

    [Fact]
    public void DocumentConsistency_NameTaggedTwoWays_TakesTheTypeItHasMostOften()
    {
        var input = Input("Jordan won .\nJordan lost .\nJordan drew .");
        var labels = new int[input.Words.Length];
        labels[0] = TagSet.Begin(2);
        labels[3] = TagSet.Begin(2);
        labels[6] = TagSet.Begin(0);

        DocumentConsistency.Apply(input, labels, personType: 0);

        Assert.Equal(TagSet.Begin(2), labels[6]);
    }

    [Theory]
    [InlineData("Mr. Smith met Dr. Jones. They talked.", new[] { "Mr. Smith met Dr. Jones.", "They talked." })]
    [InlineData("He flew to the U.S. on Monday. John C. Smith stayed.", new[] { "He flew to the U.S. on Monday.", "John C. Smith stayed." })]
    [InlineData("First line\nSecond line", new[] { "First line", "Second line" })]
    public void SentenceSplitter_AbbreviationsAndInitials_DoNotEndSentences(string text, string[] expected)
    {
        var input = Input(text);

        var sentences = input.Sentences.Select(s => text[input.Tokens[s.Start].Offset..input.Tokens[s.End - 1].End]);

        Assert.Equal(expected, sentences);
    }

    [Fact]
    public void Lexicon_AllCapitalWords_FindTheTitleCaseName()
    {
        var lexicon = new Lexicon(["city"], [("New York", 1UL)], [], []);
        var words = new[] { "IN", "NEW", "YORK", "TODAY" };
        var found = new List<(int, int, int)>();

        lexicon.Match(words, 0, words.Length, (token, list, position) => found.Add((token, list, position)));

        Assert.Equal([(1, 0, 1), (2, 0, 2)], found);
    }

    [Fact]
    public void ShippedModel_LoadsAndTagsTheSeedArticle()
    {
        var text = SeedArticle.Load().AnalysisText;

        var spans = NamedEntityTagger.Shipped.Tag(Input(text));

        Assert.Contains(spans, s => s.Type == "PER" && text[Input(text).Tokens[s.Start].Offset..].StartsWith("Maria Zakharova", StringComparison.Ordinal));
        Assert.InRange(NamedEntityTagger.Shipped.Model.FeatureCount, 10_000, 5_000_000);
    }

    [Fact]
    public void OfflineAnalyzer_WithATrainedModelFile_UsesIt()
    {
        var path = _folder.File("tiny.model");
        using (var file = File.Create(path))
        {
            Train().Save(file);
        }

        var analysis = new NewsAlerts.Core.Analysis.OfflineAnalyzer(new OfflineAnalyzerOptions { ModelPath = path }).Analyze("Umbrella Group hired Farah Haddad in Osaka.", "en");

        Assert.Contains(analysis.Entities, e => e.Text == "Farah Haddad" && e.Category == NewsAlerts.Core.Analysis.EntityCategories.Person);
        Assert.Contains(analysis.Entities, e => e.Text == "Osaka" && e.Category == NewsAlerts.Core.Analysis.EntityCategories.Location);
    }

    [Fact]
    public void OfflineAnalyzer_WithAMissingModelFile_FailsNamingTheSetting()
    {
        var path = _folder.File("missing.model");

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new NewsAlerts.Core.Analysis.OfflineAnalyzer(new OfflineAnalyzerOptions { ModelPath = path }));

        Assert.Equal("NewsAlerts:Analysis:Offline:ModelPath", error.OptionsName);
        Assert.StartsWith(path + ": ", error.Failures.Single(), StringComparison.Ordinal);
    }

    private TaggerModel Train()
    {
        var documents = ConllReader.Read(_folder.Write("train.txt", TinyCorpus.Conll(iob1: false)));
        var settings = new TrainingSettings(Bits: 16, Epochs: 5, Seed: 1, "test");
        return new PerceptronTrainer(settings, TextWriter.Null).Train(documents, [], Lexicon.Empty);
    }

    private static List<(string, string)> Tag(TaggerModel model, string text)
    {
        var input = Input(text);
        var labels = model.Tag(input);
        return TagSet.Spans(labels, 0, labels.Length)
            .Select(s => (text[input.Tokens[s.Start].Offset..input.Tokens[s.End - 1].End], model.Tags.Types[s.Type]))
            .ToList();
    }

    private static TaggerInput Input(string text) => new(text, Tokenizer.Tokenize(text));
}
