using System.Text.Json;

namespace NewsAlerts.Core.Configuration;

/// <summary>
/// Maps each JSON path in a document (such as <c>subscribers[0].watchlists[1]</c>) to the line it starts on,
/// so that validation errors found after deserialisation can still say where in the file they are.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>The 1-based line of <paramref name="path"/>, or of its nearest ancestor that is known; 0 if none.</summary>
    public int LineOf(string path)
    {
        for (var current = path; ; current = Parent(current))
        {
            if (_lines.TryGetValue(current, out var line))
            {
                return line;
            }

            if (current.Length == 0)
            {
                return 0;
            }
        }
    }

    /// <summary>Builds the map; a document that is not valid JSON yields the paths read before the error.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var map = new JsonLineMap();
        var newlines = NewlineOffsets(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var stack = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                var line = LineAt(newlines, reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = stack.Peek();
                        frame.Property = reader.GetString() ?? "";
                        map._lines.TryAdd(Member(frame.Path, frame.Property), line);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var path = stack.Count == 0 ? "" : ValuePath(stack.Peek());
                        map._lines.TryAdd(path, line);
                        stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        if (stack.Count > 0 && stack.Peek().IsArray)
                        {
                            map._lines.TryAdd(ValuePath(stack.Peek()), line);
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The loader reports syntax errors itself; the paths read so far are still useful.
        }

        return map;
    }

    private static string ValuePath(Frame parent) =>
        parent.IsArray ? $"{parent.Path}[{parent.NextIndex++}]" : Member(parent.Path, parent.Property);

    private static string Member(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static List<long> NewlineOffsets(ReadOnlySpan<byte> utf8)
    {
        var offsets = new List<long>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                offsets.Add(i);
            }
        }

        return offsets;
    }

    private static int LineAt(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public string Property { get; set; } = "";

        public int NextIndex { get; set; }
    }
}
