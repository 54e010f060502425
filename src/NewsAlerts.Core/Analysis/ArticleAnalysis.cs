namespace NewsAlerts.Core.Analysis;

/// <summary>What an analyzer found in an article's text.</summary>
/// <param name="Language">ISO 639-1 code such as <c>en</c>, or <c>und</c> when unknown.</param>
/// <param name="Analyzer">Which analyzer produced it, such as <c>offline</c> or <c>azure-language</c>.</param>
public sealed record ArticleAnalysis(
    string Language,
    Sentiment Sentiment,
    IReadOnlyList<Entity> Entities,
    string Analyzer);

public enum SentimentLabel
{
    Neutral,
    Positive,
    Negative,
    Mixed,
}

/// <summary>A sentiment label and the three confidence scores behind it (each 0..1).</summary>
public sealed record Sentiment(SentimentLabel Label, double Positive, double Neutral, double Negative)
{
    public static Sentiment NeutralOnly { get; } = new(SentimentLabel.Neutral, 0, 1, 0);
}

/// <summary>A named entity; <see cref="Offset"/> and <see cref="Length"/> are in UTF-16 chars of the analysed text.</summary>
public sealed record Entity(
    string Text,
    string Category,
    string? Subcategory,
    int Offset,
    int Length,
    double Confidence);

/// <summary>Entity categories, named as Azure AI Language names them.</summary>
public static class EntityCategories
{
    public const string Person = "Person";
    public const string Organization = "Organization";
    public const string Location = "Location";
    public const string Event = "Event";
    public const string Product = "Product";

    /// <summary>Other names the offline tagger finds (CoNLL's MISC): nationalities, events, works, products.</summary>
    public const string Misc = "Misc";
    public const string DateTime = "DateTime";
    public const string Quantity = "Quantity";

    /// <summary>
    /// A name worth showing a reader (digest chips, webhook payloads): not a date, a quantity or a nationality
    /// adjective, which say nothing about who or what the story is about.
    /// </summary>
    public static bool IsOfNote(Entity entity) =>
        entity is not null && entity.Category is not (DateTime or Quantity) && entity.Subcategory != "Nationality";
}
