using System.Diagnostics;
using NewsAlerts.Core.Analysis.Offline;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Benchmarks.Analysis;

public static class StageProfile
{
    public static int Run()
    {
        var texts = BenchmarkArticles.Create(200, 4096);
        var model = NamedEntityTagger.Shipped.Model;
        var analyzer = new NewsAlerts.Core.Analysis.OfflineAnalyzer();
        var tokens = texts.Select(Tokenizer.Tokenize).ToArray();
        var inputs = texts.Select((t, i) => new TaggerInput(t, tokens[i])).ToArray();
        Measure("tokenize", () => { foreach (var t in texts) Tokenizer.Tokenize(t); });
        Measure("tagger input", () => { for (var i = 0; i < texts.Length; i++) _ = new TaggerInput(texts[i], tokens[i]); });
        Measure("words", () => { foreach (var input in inputs) model.Extractor.WordsOf(input); });
        Measure("static emissions", () => { foreach (var input in inputs) model.Extractor.StaticEmissions(input, model, model.Tags.Count); });
        Measure("tag", () => { foreach (var input in inputs) model.Tag(input); });
        Measure("whole analyzer", () => { foreach (var t in texts) analyzer.Analyze(t, null); });
        return 0;
    }

    private static void Measure(string name, Action action)
    {
        action();
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < 10; i++) action();
        process.Refresh();
        Console.WriteLine($"{name}: {(process.TotalProcessorTime - before).TotalMilliseconds / 2000:0.000} ms CPU per article");
    }
}
