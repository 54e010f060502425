using System.IO.Compression;
using System.Text;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>The container of the analyzer's model files: Brotli-compressed binary that starts with a magic word and a format version.</summary>
internal static class ModelFile
{
    public static BinaryWriter Writer(Stream stream, string magic, int version)
    {
        var writer = new BinaryWriter(new BufferedStream(new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true), 1 << 16), Encoding.UTF8);
        writer.Write(magic);
        writer.Write(version);
        return writer;
    }

    /// <summary>A reader past the header; buffered, because the reader asks for a few bytes at a time and each small read of a Brotli stream is slow.</summary>
    public static BinaryReader Reader(Stream stream, string magic, int version, string kind)
    {
        var reader = new BinaryReader(new BufferedStream(new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true), 1 << 16), Encoding.UTF8);
        if (reader.ReadString() != magic || reader.ReadInt32() != version)
        {
            reader.Dispose();
            throw new InvalidDataException($"not {kind} of format {version}");
        }

        return reader;
    }
}
