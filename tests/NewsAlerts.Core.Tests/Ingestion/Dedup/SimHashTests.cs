using NewsAlerts.Core.Ingestion.Dedup;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Ingestion.Dedup;

public sealed class SimHashTests
{
    [Fact]
    public void EditedCopyOfOneStory_IsWithinTheThreshold_AndADifferentStoryOnTheTopicIsFarOutside()
    {
        var wire = SimHash.Compute(Stories.Wire);

        var copy = SimHash.Distance(wire, SimHash.Compute(Stories.Outlet));
        var other = SimHash.Distance(wire, SimHash.Compute(Stories.SameTopic));

        Assert.True(copy <= NearDuplicateIndex.MaxDistance, $"edited copy is {copy} bits away");
        Assert.True(other >= 2 * NearDuplicateIndex.MaxDistance, $"same-topic story is only {other} bits away");
    }

    [Fact]
    public void Compute_IgnoresCasePunctuationAndSpacing()
    {
        Assert.Equal(SimHash.Compute("Storm closes the port"), SimHash.Compute("  storm, CLOSES the   port!"));
    }
}

public sealed class NearDuplicateIndexTests
{
    [Theory]
    [InlineData(0, "c1")]
    [InlineData(1, "c1")]
    [InlineData(7, "c1")]
    [InlineData(8, null)]
    public void FindCluster_FindsFingerprintsUpToMaxDistance_WhereverTheBitsDiffer(int flippedBits, string? expected)
    {
        var random = new Random(flippedBits);
        for (var trial = 0; trial < 40; trial++)
        {
            var index = new NearDuplicateIndex();
            var stored = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            index.Add(stored, "c1");
            for (var i = 0; i < 1000; i++)
            {
                index.Add((ulong)random.NextInt64(), "noise"); // random fingerprints: near the query with odds of about 1e-11
            }

            var query = stored;
            foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(flippedBits))
            {
                query ^= 1UL << bit;
            }

            Assert.Equal(expected, index.FindCluster(query));
        }
    }

    [Fact]
    public void FindCluster_StillFindsEveryStoredFingerprint_AfterTheTablesGrew()
    {
        var random = new Random(7);
        var index = new NearDuplicateIndex();
        var stored = Enumerable.Range(0, 300_000).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63)).ToArray();
        for (var i = 0; i < stored.Length; i++)
        {
            index.Add(stored[i], "c" + i);
        }

        foreach (var i in Enumerable.Range(0, 200).Select(_ => random.Next(stored.Length)))
        {
            var query = stored[i];
            foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(7))
            {
                query ^= 1UL << bit;
            }

            Assert.Equal("c" + i, index.FindCluster(query));
        }
    }
}
