using System.Text;

namespace NewsAlerts.Benchmarks.Analysis;

/// <summary>One wikigold document: its tokens joined by spaces (one sentence a line) and the gold entity spans in it.</summary>
public sealed record WikigoldDocument(string Text, IReadOnlyList<(int Offset, int Length, string Type)> Entities);

/// <summary>Reads wikigold's CoNLL file: one token and its IOB1 tag a line, blank lines between sentences, <c>-DOCSTART-</c> between documents.</summary>
public static class WikigoldReader
{
    public static IEnumerable<WikigoldDocument> Read(string path)
    {
        var text = new StringBuilder();
        var entities = new List<(int Offset, int Length, string Type)>();
        (int Start, string Type)? open = null;
        foreach (var line in File.ReadLines(path))
        {
            var separator = line.LastIndexOf(' ');
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                Close(ref open, text, entities);
                if (text.Length > 0)
                {
                    yield return new WikigoldDocument(text.ToString(), entities);
                }

                text.Clear();
                entities = [];
                continue;
            }

            if (separator < 0)
            {
                Close(ref open, text, entities);
                if (text.Length > 0 && text[^1] != '\n')
                {
                    text.Append('\n');
                }

                continue;
            }

            var token = line[..separator];
            var tag = line[(separator + 1)..];
            var type = tag == "O" ? null : tag[2..];
            if (open is { } current && (type != current.Type || tag.StartsWith("B-", StringComparison.Ordinal)))
            {
                Close(ref open, text, entities);
            }

            if (text.Length > 0 && text[^1] != '\n')
            {
                text.Append(' ');
            }

            if (type is not null && open is null)
            {
                open = (text.Length, type);
            }

            text.Append(token);
        }

        Close(ref open, text, entities);
        if (text.Length > 0)
        {
            yield return new WikigoldDocument(text.ToString(), entities);
        }
    }

    private static void Close(ref (int Start, string Type)? open, StringBuilder text, List<(int, int, string)> entities)
    {
        if (open is { } current)
        {
            var end = text.Length;
            while (end > current.Start && text[end - 1] is ' ' or '\n')
            {
                end--;
            }

            entities.Add((current.Start, end - current.Start, current.Type));
        }

        open = null;
    }
}
