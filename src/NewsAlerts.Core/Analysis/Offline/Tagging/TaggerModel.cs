namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// A trained tagger: entity types, feature weights by hashed feature id (only the ids training gave a weight),
/// label transitions, and the <see cref="Lexicon"/> its features read. The file is Brotli-compressed binary:
/// magic <c>NANER</c>, a format version, then these parts in order (see <see cref="Save"/>).
/// </summary>
internal sealed class TaggerModel : IEmissionWeights
{
    private const string Magic = "NANER";
    private const int FormatVersion = 1;

    private readonly FeatureIndex rowOf;
    private readonly float[] rows;
    private readonly int labels;

    public TaggerModel(IReadOnlyList<string> types, int bits, float[] transitions, IReadOnlyList<(int Id, float[] Weights)> featureWeights, Lexicon lexicon, string description)
    {
        Tags = new TagSet(types);
        Bits = bits;
        Transitions = transitions;
        Lexicon = lexicon;
        Description = description;
        labels = Tags.Count;
        rowOf = new FeatureIndex(featureWeights.Count);
        rows = new float[featureWeights.Count * labels];
        for (var r = 0; r < featureWeights.Count; r++)
        {
            rowOf.Add(featureWeights[r].Id, r);
            featureWeights[r].Weights.CopyTo(rows, r * labels);
        }

        Extractor = new FeatureExtractor(lexicon, bits);
        Decoder = new DocumentDecoder(Extractor, Tags);
    }

    public TagSet Tags { get; }

    public int Bits { get; }

    public float[] Transitions { get; }

    public Lexicon Lexicon { get; }

    /// <summary>How the model was trained (data, epochs, seed), as the training command wrote it.</summary>
    public string Description { get; }

    public FeatureExtractor Extractor { get; }

    public DocumentDecoder Decoder { get; }

    public int FeatureCount => rows.Length / labels;

    public void AddScores(ReadOnlySpan<int> features, Span<float> scores)
    {
        foreach (var feature in features)
        {
            var row = rowOf.Find(feature);
            if (row < 0)
            {
                continue;
            }

            var weights = rows.AsSpan(row * labels, labels);
            for (var y = 0; y < weights.Length; y++)
            {
                scores[y] += weights[y];
            }
        }
    }

    /// <summary>The labels of every token of the input.</summary>
    public int[] Tag(TaggerInput input)
    {
        var scores = Extractor.StaticEmissions(input, this, labels);
        return Decoder.Tag(input, (start, end, sentence) => scores.AsSpan(start * labels, (end - start) * labels).CopyTo(sentence), this, Transitions);
    }

    /// <summary>
    /// Writes the model: description, bits, types, transitions, then the weight rows (feature id as a delta from the
    /// previous one, weights as 16-bit integers of one shared scale), then the lexicon's lists, names and clusters.
    /// </summary>
    public void Save(Stream stream)
    {
        using var writer = ModelFile.Writer(stream, Magic, FormatVersion);
        writer.Write(Description);
        writer.Write(Bits);
        writer.Write(Tags.Types.Count);
        foreach (var type in Tags.Types)
        {
            writer.Write(type);
        }

        foreach (var t in Transitions)
        {
            writer.Write(t);
        }

        var scale = rows.Length == 0 ? 1f : rows.Max(Math.Abs) / short.MaxValue;
        writer.Write(scale);
        writer.Write(FeatureCount);
        var previous = 0;
        foreach (var (id, row) in rowOf.Entries().OrderBy(e => e.Id))
        {
            writer.Write7BitEncodedInt(id - previous);
            previous = id;
            foreach (var w in rows.AsSpan(row * labels, labels))
            {
                writer.Write((short)Math.Round(w / scale));
            }
        }

        WriteLexicon(writer, Lexicon);
    }

    public static TaggerModel Load(Stream stream)
    {
        using var reader = ModelFile.Reader(stream, Magic, FormatVersion, "an entity tagger model");

        var description = reader.ReadString();
        var bits = reader.ReadInt32();
        var types = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToArray();
        var labelCount = 1 + 2 * types.Length;
        var transitions = new float[(labelCount + 1) * labelCount];
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = reader.ReadSingle();
        }

        var scale = reader.ReadSingle();
        var count = reader.ReadInt32();
        var features = new (int, float[])[count];
        var id = 0;
        for (var r = 0; r < count; r++)
        {
            id += reader.Read7BitEncodedInt();
            var weights = new float[labelCount];
            for (var y = 0; y < labelCount; y++)
            {
                weights[y] = reader.ReadInt16() * scale;
            }

            features[r] = (id, weights);
        }

        return new TaggerModel(types, bits, transitions, features, ReadLexicon(reader), description);
    }

    private static void WriteLexicon(BinaryWriter writer, Lexicon lexicon)
    {
        writer.Write(lexicon.ListNames.Count);
        foreach (var name in lexicon.ListNames)
        {
            writer.Write(name);
        }

        var names = lexicon.Names().ToList();
        writer.Write(names.Count);
        foreach (var (name, lists) in names)
        {
            writer.Write(name);
            writer.Write(lists);
        }

        writer.Write(lexicon.PieceVocabulary.Count);
        foreach (var piece in lexicon.PieceVocabulary)
        {
            writer.Write(piece);
        }

        writer.Write(lexicon.ClusterLevels);
        for (var level = 0; level < lexicon.ClusterLevels; level++)
        {
            foreach (var id in lexicon.ClusterIds(level))
            {
                writer.Write(id);
            }
        }
    }

    private static Lexicon ReadLexicon(BinaryReader reader)
    {
        var listNames = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToArray();
        var names = new (string, ulong)[reader.ReadInt32()];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = (reader.ReadString(), reader.ReadUInt64());
        }

        var pieces = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToArray();
        var clusters = new ushort[reader.ReadInt32()][];
        for (var level = 0; level < clusters.Length; level++)
        {
            clusters[level] = new ushort[pieces.Length];
            for (var i = 0; i < pieces.Length; i++)
            {
                clusters[level][i] = reader.ReadUInt16();
            }
        }

        return new Lexicon(listNames, names, pieces, clusters);
    }
}

/// <summary>
/// Row numbers by feature id in an open-addressing table at most a quarter full: a few MB that stay in cache, where a
/// dense array over all 2^22 ids took 16 MB and a cache miss for nearly every lookup.
/// </summary>
internal sealed class FeatureIndex
{
    private readonly int[] keys;
    private readonly int[] values;
    private readonly int mask;

    public FeatureIndex(int count)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 4));
        keys = new int[size];
        values = new int[size];
        Array.Fill(keys, -1);
        mask = size - 1;
    }

    public void Add(int id, int row)
    {
        var slot = id & mask;
        while (keys[slot] >= 0 && keys[slot] != id)
        {
            slot = (slot + 1) & mask;
        }

        keys[slot] = id;
        values[slot] = row;
    }

    /// <summary>The row of the feature, or -1. Ids are hash bits already, so their low bits spread evenly.</summary>
    public int Find(int id)
    {
        var slot = id & mask;
        while (true)
        {
            var key = keys[slot];
            if (key == id)
            {
                return values[slot];
            }

            if (key < 0)
            {
                return -1;
            }

            slot = (slot + 1) & mask;
        }
    }

    public IEnumerable<(int Id, int Row)> Entries()
    {
        for (var slot = 0; slot < keys.Length; slot++)
        {
            if (keys[slot] >= 0)
            {
                yield return (keys[slot], values[slot]);
            }
        }
    }
}
