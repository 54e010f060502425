using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsAlerts.Core.Configuration;

/// <summary>
/// Adds sources to a config file in place: the new entries are inserted at the end of its <c>sources</c> array, in the
/// file's own indentation, and every other byte (comments, order, formatting) stays as the user wrote it. The result
/// is validated before it replaces the file, and it replaces it whole (temporary file, then rename).
/// </summary>
public static partial class ConfigFileEditor
{
    /// <summary>A source to add, as it will be written.</summary>
    public sealed record NewSource(string Id, string Name, string Url, IReadOnlyList<string> Tags);

    /// <summary>
    /// An id from a feed's title (ASCII letters and digits, accents dropped, joined by '-'), else from its host name;
    /// unique among <paramref name="taken"/>, which it joins.
    /// </summary>
    public static string IdFor(string title, string url, ISet<string> taken)
    {
        var slug = Slug(title);
        if (slug.Length == 0)
        {
            slug = Uri.TryCreate(url, UriKind.Absolute, out var u) ? Slug(u.Host) : "";
        }

        slug = slug.Length == 0 ? "feed" : slug[..Math.Min(slug.Length, 40)].TrimEnd('-');
        var id = slug;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }

    /// <summary>Inserts <paramref name="sources"/> into the config at <paramref name="path"/>; throws <see cref="ConfigException"/> if the result would not load.</summary>
    public static void AddSources(string path, IReadOnlyList<NewSource> sources)
    {
        var original = File.ReadAllBytes(path);
        var edited = Insert(original, sources);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        ConfigLoader.Parse(edited, path, baseDirectory);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, edited);
        File.Move(temporary, path, overwrite: true);
    }

    internal static byte[] Insert(byte[] utf8, IReadOnlyList<NewSource> sources)
    {
        var (arrayStart, lastEnd, arrayEnd) = FindSources(utf8);
        var text = Encoding.UTF8;
        var indent = lastEnd is null ? Indentation(utf8, arrayStart) + "  " : Indentation(utf8, FirstElementStart(utf8, arrayStart));
        var entries = sources.Select(s => indent + Entry(s)).ToList();
        string insertion;
        int at;
        if (lastEnd is { } end)
        {
            insertion = string.Concat(entries.Select(e => ",\n" + e));
            at = end;
        }
        else
        {
            insertion = "\n" + string.Join(",\n", entries) + "\n" + Indentation(utf8, arrayStart);
            at = arrayStart + 1;
            var closing = arrayEnd;
            return [.. utf8[..at], .. text.GetBytes(insertion), .. utf8[closing..]];
        }

        return [.. utf8[..at], .. text.GetBytes(insertion), .. utf8[at..]];
    }

    private static string Entry(NewSource source)
    {
        var fields = new List<string>
        {
            $"\"id\": {JsonSerializer.Serialize(source.Id)}",
            $"\"name\": {JsonSerializer.Serialize(source.Name)}",
            $"\"url\": {JsonSerializer.Serialize(source.Url)}",
        };
        if (source.Tags.Count > 0)
        {
            fields.Add($"\"tags\": [{string.Join(", ", source.Tags.Select(t => JsonSerializer.Serialize(t)))}]");
        }

        return "{ " + string.Join(", ", fields) + " }";
    }

    /// <summary>Where the root's <c>sources</c> array starts, where its last element ends (null when empty) and where it closes.</summary>
    private static (int Start, int? LastEnd, int End) FindSources(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var start = -1;
        int? lastEnd = null;
        while (reader.Read())
        {
            if (start < 0)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("sources"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        break;
                    }

                    start = (int)reader.TokenStartIndex;
                }

                continue;
            }

            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray)
            {
                return (start, lastEnd, (int)reader.TokenStartIndex);
            }

            if (reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                lastEnd = (int)reader.BytesConsumed;
            }
        }

        throw new ConfigException([new ConfigError("", 0, "sources", "the config has no \"sources\" array to add to")]);
    }

    private static int FirstElementStart(byte[] utf8, int arrayStart)
    {
        var at = arrayStart + 1;
        while (at < utf8.Length && utf8[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            at++;
        }

        return at;
    }

    /// <summary>The white space between the start of the line holding <paramref name="offset"/> and its first character.</summary>
    private static string Indentation(byte[] utf8, int offset)
    {
        var lineStart = Array.LastIndexOf(utf8, (byte)'\n', Math.Max(offset - 1, 0)) + 1;
        var end = lineStart;
        while (end < offset && utf8[end] is (byte)' ' or (byte)'\t')
        {
            end++;
        }

        return Encoding.UTF8.GetString(utf8, lineStart, end - lineStart);
    }

    private static string Slug(string text)
    {
        var letters = text.Normalize(NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark);
        return NotIdChars().Replace(string.Concat(letters).ToLowerInvariant(), "-").Trim('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotIdChars();
}
