using System.Text;

namespace NewsAlerts.Core.Tests.Analysis.Tagging;

/// <summary>Hand-written CoNLL data for training a tagger in a test: people visit places, firms hire people.</summary>
internal static class TinyCorpus
{
    private static readonly string[] People = ["Alice Smith", "Boris Petrov", "Chen Wei", "Dara Okafor", "Emil Novak", "Farah Haddad"];
    private static readonly string[] Places = ["Paris", "Lagos", "Osaka", "Quito", "Tallinn", "Lima"];
    private static readonly string[] Firms = ["Acme Corp", "Globex", "Initech", "Umbrella Group"];

    /// <summary>Documents of sentences such as "Alice Smith visited Paris on Monday ." in CoNLL (token POS chunk tag) lines.</summary>
    public static string Conll(bool iob1)
    {
        var text = new StringBuilder();
        for (var doc = 0; doc < 6; doc++)
        {
            text.Append("-DOCSTART- -X- -X- O\n\n");
            for (var s = 0; s < 6; s++)
            {
                var person = People[(doc + s) % People.Length];
                var place = Places[(doc * 2 + s) % Places.Length];
                var firm = Firms[(doc + 2 * s) % Firms.Length];
                Sentence(text, iob1, (person, "PER"), ("visited", null), (place, "LOC"), ("on", null), ("Monday", null), (".", null));
                Sentence(text, iob1, (firm, "ORG"), ("hired", null), (person, "PER"), ("in", null), (place, "LOC"), (".", null));
            }
        }

        return text.ToString();
    }

    private static void Sentence(StringBuilder text, bool iob1, params (string Words, string? Type)[] parts)
    {
        foreach (var (words, type) in parts)
        {
            var first = true;
            foreach (var word in words.Split(' '))
            {
                var tag = type is null ? "O" : (first && !iob1 ? "B-" : "I-") + type;
                text.Append(word).Append(" NNP B-NP ").Append(tag).Append('\n');
                first = false;
            }
        }

        text.Append('\n');
    }
}
