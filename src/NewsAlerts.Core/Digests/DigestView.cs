namespace NewsAlerts.Core.Digests;

/// <summary>
/// What a digest template sees (Liquid names are snake_case: <c>digest.sections[0].stories[0].title</c>). Strings
/// are plain text, HTML-escaped by the HTML template's encoder; only <see cref="StoryView.SnippetHtml"/> is markup,
/// built here from escaped text, and templates print it with <c>| raw</c>. <see cref="Key"/> and
/// <see cref="StoryView.Lead"/> carry the raw data the chat and webhook messages need; templates cannot reach them.
/// </summary>
/// <param name="CreatedAt">When the digest was composed (<see cref="Date"/> shows it in the subscriber's zone).</param>
public sealed record DigestView(
    string Subject,
    string Greeting,
    string Date,
    int ArticleCount,
    IReadOnlyList<SectionView> Sections,
    int NotListed,
    IReadOnlyList<string> Watchlists,
    string? UnsubscribeUrl,
    bool Urgent,
    DigestKey Key,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Without a public unsubscribe address (a CLI-only install, no <c>NewsAlerts:PublicBaseUrl</c>): the command that
    /// unsubscribes this address, <c>newsalerts unsubscribe TOKEN</c>, which the email shows instead of a dead link.
    /// </summary>
    public string? UnsubscribeCommand { get; init; }
}

/// <summary>One watchlist's part of a digest: its stories, best score first.</summary>
public sealed record SectionView(string WatchlistId, string Name, int Count, IReadOnlyList<StoryView> Stories);

/// <summary>One story: its best article, and how many more articles of the same cluster this digest folds into it.</summary>
/// <param name="NewCoverage">The subscriber already got this story in an earlier digest; these are newer articles about it.</param>
/// <param name="Lead">The story's best article with its alert (matches, highlights, analysis).</param>
public sealed record StoryView(
    string Title,
    string? Url,
    string Source,
    string Time,
    string SnippetHtml,
    string SnippetText,
    string Why,
    IReadOnlyList<string> Entities,
    string? Sentiment,
    string SentimentColor,
    int Similar,
    IReadOnlyList<string> SimilarSources,
    bool NewCoverage,
    string Score,
    DigestItem Lead);
