using System.Text.Json.Serialization;
using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Core.Articles;

/// <summary>A news item normalised from a feed: plain text, UTC time, stable id.</summary>
public sealed record Article
{
    /// <summary>Stable id: the same story from the same feed always gets the same id.</summary>
    public required string Id { get; init; }

    public required string SourceId { get; init; }

    public required string Title { get; init; }

    /// <summary>Plain text, paragraphs separated by blank lines.</summary>
    public required string Body { get; init; }

    public Uri? Link { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public DateTimeOffset IngestedAt { get; init; }

    /// <summary>Language the feed declared, if any (such as <c>en</c>).</summary>
    public string? LanguageHint { get; init; }

    /// <summary>Story cluster: near-duplicate articles (syndicated copies) share it. Null until de-duplication assigns one.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Set once the article has been analysed.</summary>
    public ArticleAnalysis? Analysis { get; init; }

    /// <summary>The text analysers see, and that entity offsets refer to: the title, a blank line, the body.</summary>
    [JsonIgnore]
    public string AnalysisText => $"{Title}\n\n{Body}";
}
