namespace NewsAlerts.Core.Configuration;

/// <summary>One problem in a config file, with where it is.</summary>
/// <param name="File">The config file's path as the user gave it.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Field">JSON path of the field, such as <c>subscribers[0].watchlists[1]</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ConfigError(string File, int Line, string Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        return Field.Length > 0 ? $"{where}: {Field}: {Message}" : $"{where}: {Message}";
    }
}

/// <summary>The config file cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
