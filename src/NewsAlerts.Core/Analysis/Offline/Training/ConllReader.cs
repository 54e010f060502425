using System.Text;
using NewsAlerts.Core.Analysis.Offline.Tagging;

namespace NewsAlerts.Core.Analysis.Offline.Training;

/// <summary>One document of a CoNLL file as text (tokens joined by spaces, a sentence a line) with its gold entities.</summary>
public sealed record LabeledText(string Text, IReadOnlyList<(int Offset, int Length, string Type)> Entities);

/// <summary>
/// Reads CoNLL-format NER files: one token a line, its tag in the last column (IOB1 or IOB2: <c>I-</c> after
/// <c>O</c> or another type opens an entity, as IOB1 has it), a blank line between sentences, <c>-DOCSTART-</c>
/// between documents (a file without one is one document).
/// </summary>
public static class ConllReader
{
    public static List<LabeledText> Read(string path)
    {
        var documents = new List<LabeledText>();
        var text = new StringBuilder();
        var entities = new List<(int, int, string)>();
        (int Start, int End, string Type)? open = null;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0] == "-DOCSTART-")
            {
                Close(ref open, entities);
                if (text.Length > 0)
                {
                    documents.Add(new LabeledText(text.ToString().TrimEnd('\n'), entities));
                }

                text.Clear();
                entities = [];
                continue;
            }

            if (fields.Length == 0)
            {
                Close(ref open, entities);
                if (text.Length > 0 && text[^1] != '\n')
                {
                    text.Append('\n');
                }

                continue;
            }

            if (fields.Length < 2)
            {
                throw new InvalidDataException($"{path}:{number}: expected a token and a tag, found '{line}'");
            }

            var tag = fields[^1];
            if (!(tag == "O" || (tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I')))
            {
                throw new InvalidDataException($"{path}:{number}: tag '{tag}' is not O, B-TYPE or I-TYPE");
            }

            var type = tag == "O" ? null : tag[2..];
            if (open is { } current && (type != current.Type || tag[0] == 'B'))
            {
                Close(ref open, entities);
            }

            if (text.Length > 0 && text[^1] != '\n')
            {
                text.Append(' ');
            }

            var start = text.Length;
            text.Append(fields[0]);
            if (type is not null)
            {
                open = open is { } o ? (o.Start, text.Length, type) : (start, text.Length, type);
            }
        }

        Close(ref open, entities);
        if (text.Length > 0)
        {
            documents.Add(new LabeledText(text.ToString().TrimEnd('\n'), entities));
        }

        return documents;
    }

    private static void Close(ref (int Start, int End, string Type)? open, List<(int, int, string)> entities)
    {
        if (open is { } current)
        {
            entities.Add((current.Start, current.End - current.Start, current.Type));
        }

        open = null;
    }

    /// <summary>
    /// The gold labels of the analyzer's own tokens of the text: the first token inside an entity is <c>B-</c>, the
    /// others <c>I-</c> (the analyzer cuts <c>U.S.</c> into <c>U.S</c> and <c>.</c>, so both carry the entity).
    /// </summary>
    internal static int[] LabelsOf(LabeledText document, TaggerInput input, IReadOnlyList<string> types)
    {
        var labels = new int[input.Tokens.Count];
        var tokenAt = 0;
        foreach (var (offset, length, type) in document.Entities.OrderBy(e => e.Offset))
        {
            var typeIndex = IndexOf(types, type);
            while (tokenAt < input.Tokens.Count && input.Tokens[tokenAt].Offset < offset)
            {
                tokenAt++;
            }

            var first = true;
            for (var t = tokenAt; t < input.Tokens.Count && input.Tokens[t].End <= offset + length; t++)
            {
                labels[t] = first ? TagSet.Begin(typeIndex) : TagSet.Inside(typeIndex);
                first = false;
            }
        }

        return labels;
    }

    private static int IndexOf(IReadOnlyList<string> types, string type)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] == type)
            {
                return i;
            }
        }

        throw new InvalidDataException($"entity type '{type}' is not among the model's types ({string.Join(", ", types)})");
    }
}
