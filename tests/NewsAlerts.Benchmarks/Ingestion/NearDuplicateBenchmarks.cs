using BenchmarkDotNet.Attributes;
using NewsAlerts.Core.Ingestion.Dedup;

namespace NewsAlerts.Benchmarks.Ingestion;

/// <summary>
/// Near-duplicate lookup with 1 million fingerprints in the window: 1,000 lookups per operation (half of them within
/// 5 bits of a stored fingerprint), so the reported mean / 1,000 is the cost per article.
/// </summary>
[MemoryDiagnoser]
public class NearDuplicateBenchmarks
{
    private const int Lookups = 1000;
    private readonly NearDuplicateIndex _index = new();
    private readonly ulong[] _queries = new ulong[Lookups];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var stored = new ulong[1_000_000];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            _index.Add(stored[i], "c" + (i % 1000));
        }

        for (var i = 0; i < Lookups; i++)
        {
            var query = i % 2 == 0 ? stored[random.Next(stored.Length)] : (ulong)random.NextInt64();
            for (var flip = 0; flip < 5; flip++)
            {
                query ^= 1UL << random.Next(64);
            }

            _queries[i] = query;
        }
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Lookup()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            found += _index.FindCluster(query) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>SimHash of a 180-word story, the other per-article cost of near-duplicate detection.</summary>
    [Benchmark]
    public ulong ComputeSimHash() => SimHash.Compute(Text);

    private static readonly string Text = string.Join(' ', Enumerable.Repeat("Hamburg's port was closed on Monday as storm Zoltan brought winds of up to 140 kilometres per hour to the north German coast.", 8));
}
