using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lingua;
using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Benchmarks.Analysis;

/// <summary>
/// The offline analyzer on ~4 KB news articles, on one core after warm-up: articles per second is 1 / the mean per
/// operation (one operation = one article). Lingua's language detection alone, on the same articles, for comparison.
/// The process's peak working set is printed at the end of each run ("Peak working set").
/// Run: <c>dotnet run --project tests/NewsAlerts.Benchmarks -c Release -- --filter *OfflineAnalyzer*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
public class OfflineAnalyzerBenchmarks
{
    private const int Articles = 200;
    private OfflineAnalyzer _analyzer = null!;
    private LanguageDetector _lingua = null!;
    private string[] _texts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = new OfflineAnalyzer();
        _lingua = LanguageDetectorBuilder.FromLanguages(Language.English, Language.German, Language.French, Language.Spanish, Language.Italian, Language.Portuguese, Language.Dutch).Build();
        _texts = BenchmarkArticles.Create(Articles, 4096);
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public int OfflineAnalyzer()
    {
        var entities = 0;
        foreach (var text in _texts)
        {
            entities += _analyzer.Analyze(text, null).Entities.Count;
        }

        return entities;
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public int LinguaLanguageOnly()
    {
        var english = 0;
        foreach (var text in _texts)
        {
            english += _lingua.DetectLanguageOf(text) == Language.English ? 1 : 0;
        }

        return english;
    }

    [GlobalCleanup]
    public void ReportPeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// Peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MB, managed heap now {GC.GetTotalMemory(false) / (1024 * 1024)} MB");
    }

    /// <summary>
    /// Pinned to one core (affinity 1), 3 warm-up and 10 measured iterations, in process: on the shared build machine
    /// generating and building a separate benchmark project ran past BenchmarkDotNet's two-minute build timeout.
    /// </summary>
    private sealed class OneCoreConfig : ManualConfig
    {
        public OneCoreConfig() =>
            AddJob(Job.Default.WithAffinity(1).WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}

/// <summary>Deterministic ~4 KB news articles built from the seed article's sentences, with names and places varied.</summary>
public static class BenchmarkArticles
{
    private static readonly string[] People = ["Dmitry Peskov", "Maria Zakharova", "Olaf Brenner", "Anna Kowalska", "Lior Haiat", "James Porter"];
    private static readonly string[] Places = ["Moscow", "Berlin", "Gaza Strip", "Warsaw", "Jerusalem", "Nairobi"];

    public static string[] Create(int count, int size)
    {
        var seed = File.ReadAllText(FindSeed());
        var sentences = seed.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(i =>
        {
            var text = new System.Text.StringBuilder();
            while (text.Length < size)
            {
                var sentence = sentences[random.Next(sentences.Length)]
                    .Replace("Dmitry Peskov", People[random.Next(People.Length)], StringComparison.Ordinal)
                    .Replace("Moscow", Places[random.Next(Places.Length)], StringComparison.Ordinal);
                text.Append(sentence).Append(random.Next(6) == 0 ? ".\n\n" : ". ");
            }

            return text.ToString(0, size);
        }).ToArray();
    }

    private static string FindSeed()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "seeds", "000_4c9df461499d11da.txt");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("seeds/000_4c9df461499d11da.txt not found above " + AppContext.BaseDirectory);
    }
}
