using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>One text to analyse: an id unique within the call, the text, and its language if known (ISO 639-1).</summary>
public sealed record LanguageDocument(string Id, string Text, string? Language);

/// <summary>What the service found for one document, or the error it gave for that document alone.</summary>
public sealed record LanguageResult<T>(string Id, T? Value, LanguageDocumentError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>A per-document error of the service (such as <c>InvalidDocument</c>).</summary>
public sealed record LanguageDocumentError(string Code, string Message);

/// <summary>A detected language: ISO 639-1 code (<c>(Unknown)</c> maps to <c>und</c>) and confidence.</summary>
public sealed record DetectedLanguage(string Code, double Confidence);

/// <summary>The entities of one document; offsets in UTF-16 chars of the document's whole text.</summary>
public sealed record EntitiesResult(IReadOnlyList<Entity> Entities);

/// <summary>The request failed as a whole (not 429/503 after retries, or a non-retriable status).</summary>
public sealed class LanguageServiceException(int status, string code, string message)
    : Exception($"Azure AI Language answered {status} {code}: {message}")
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
