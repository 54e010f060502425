using System.Reflection;

namespace NewsAlerts.Core.Analysis.Offline;

/// <summary>Reads the word lists shipped inside the assembly (folder <c>Analysis/Offline/Data</c>); <c>#</c> starts a comment line.</summary>
internal static class EmbeddedData
{
    public static IEnumerable<string> Lines(string fileName)
    {
        var name = $"NewsAlerts.Analysis.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from NewsAlerts.Core.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }

    /// <summary>Every whitespace-separated word of the file.</summary>
    public static IEnumerable<string> Words(string fileName) =>
        Lines(fileName).SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
