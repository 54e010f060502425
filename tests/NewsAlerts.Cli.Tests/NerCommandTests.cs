using System.Text;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Cli.Tests;

public sealed class NerCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task NerTrain_SmallConllFiles_PrintsDevScoresEachEpochAndWritesAModel()
    {
        var train = _folder.Write("train.txt", Conll(12));
        var dev = _folder.Write("dev.txt", Conll(2));
        var model = _folder.File("tiny.model");

        var run = await CliRun.InvokeAsync("ner", "train", "--train", train, "--dev", dev, "--out", model, "--seed", "7", "--epochs", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("epoch 1/2", run.Output, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"\| PER \| 4 \| \d+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|", run.Output);
        Assert.True(new FileInfo(model).Length > 0);
    }

    [Theory]
    [InlineData("--train", "missing.txt", "error: ner train: --train missing.txt: file not found")]
    [InlineData("--epochs", "0", "error: ner train: --epochs must be at least 1")]
    public async Task NerTrain_BadArguments_PrintOneLineAndExitTwo(string option, string value, string expected)
    {
        var train = _folder.Write("train.txt", Conll(2));
        string[] args = option == "--train"
            ? ["ner", "train", "--train", value, "--out", _folder.File("m")]
            : ["ner", "train", "--train", train, "--out", _folder.File("m"), option, value];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public async Task NerTrain_MalformedFile_NamesTheLine()
    {
        var train = _folder.Write("train.txt", "Alice B-PER\nSmith Q-PER\n");

        var run = await CliRun.InvokeAsync("ner", "train", "--train", train, "--out", _folder.File("m"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {train}:2: tag 'Q-PER' is not O, B-TYPE or I-TYPE", run.Error.Trim());
    }

    private static string Conll(int documents)
    {
        var text = new StringBuilder();
        string[] people = ["Alice Smith", "Boris Petrov"];
        for (var d = 0; d < documents; d++)
        {
            text.Append("-DOCSTART- O\n\n");
            var words = $"{people[d % 2]} visited Paris .".Split(' ');
            string[] tags = ["B-PER", "I-PER", "O", "B-LOC", "O"];
            for (var i = 0; i < words.Length; i++)
            {
                text.Append(words[i]).Append(' ').Append(tags[i]).Append('\n');
            }

            text.Append('\n').Append("Acme B-ORG\nhired O\n").Append(people[(d + 1) % 2].Replace(" ", " B-PER\n", StringComparison.Ordinal)).Append(" I-PER\n. O\n\n");
        }

        return text.ToString();
    }
}
