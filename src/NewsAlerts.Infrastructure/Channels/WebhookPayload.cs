using System.Text.Json;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>
/// The JSON body of a webhook delivery, in the Standard Webhooks payload shape (<c>type</c>, <c>timestamp</c>,
/// <c>data</c>): the digest with its subscriber and, per watchlist, the stories with id, title, link, source,
/// published time, score, why it matched, the matched terms per field, a snippet, the most mentioned entities,
/// sentiment and cluster size. The body is serialised
/// once and those exact bytes are signed and sent, on every attempt.
/// </summary>
public static class WebhookPayload
{
    public const string DigestEvent = "digest.created";

    public const string UrgentEvent = "alert.urgent";

    private const int MaxEntities = 10;

    public static byte[] Serialize(DigestView digest) => JsonSerializer.SerializeToUtf8Bytes(Build(digest), ChannelJson.Options);

    public static WebhookEvent Build(DigestView digest) => new(
        digest.Urgent ? UrgentEvent : DigestEvent,
        digest.CreatedAt,
        new WebhookDigest(
            digest.Key.DigestId,
            digest.Key.Period,
            digest.Urgent,
            digest.Subject,
            new WebhookSubscriber(digest.Key.SubscriberId, digest.Greeting),
            digest.ArticleCount,
            digest.NotListed,
            digest.Sections.Select(s => new WebhookWatchlist(s.WatchlistId, s.Name, s.Count, s.Stories.Select(Story).ToList())).ToList()));

    private static WebhookStory Story(StoryView story)
    {
        var (alert, article) = (story.Lead.Alert, story.Lead.Article);
        return new WebhookStory(
            article.Id,
            article.Title,
            story.Url,
            new WebhookSource(article.SourceId, story.Source),
            article.PublishedAt,
            Math.Round(alert.Score, 4),
            story.Why,
            alert.Matches.Select(m => m.WatchlistId).ToList(),
            alert.Matches.SelectMany(m => m.Highlights)
                .GroupBy(h => (h.Term, h.Field))
                .OrderBy(g => g.Key.Field == ArticleFields.Title ? 0 : 1).ThenBy(g => g.Min(h => h.Offset))
                .Select(g => new WebhookHighlight(g.Key.Term, g.Key.Field, g.Count()))
                .ToList(),
            story.SnippetText,
            Entities(article.Analysis),
            article.Analysis?.Sentiment is { } s ? new WebhookSentiment(s.Label, s.Positive, s.Neutral, s.Negative) : null,
            story.Similar + 1,
            story.SimilarSources,
            story.NewCoverage);
    }

    /// <summary>Each named entity of note once (<see cref="EntityCategories.IsOfNote"/>), the most mentioned first (then the most confident).</summary>
    private static List<WebhookEntity> Entities(ArticleAnalysis? analysis) =>
        analysis is null
            ? []
            : analysis.Entities
                .Where(EntityCategories.IsOfNote)
                .GroupBy(e => (Text: e.Text.Trim(), e.Category), e => e)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(e => e.Confidence))
                .Take(MaxEntities)
                .Select(g => new WebhookEntity(g.Key.Text, g.Key.Category, g.Count(), Math.Round(g.Max(e => e.Confidence), 4)))
                .ToList();
}

/// <summary>A Standard Webhooks event: its type, when it happened, and the data.</summary>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, WebhookDigest Data);

/// <param name="Id">The digest id: the same for every attempt, and the <c>webhook-id</c> header carries it too.</param>
/// <param name="Period">The schedule period (<c>daily:2026-11-25T08:00Z</c>) or <c>urgent:ARTICLE</c>.</param>
/// <param name="NotListed">Articles over the subscriber's <see cref="SubscriberConfig.MaxItems"/>, counted, not listed.</param>
public sealed record WebhookDigest(
    string Id,
    string Period,
    bool Urgent,
    string Subject,
    WebhookSubscriber Subscriber,
    int ArticleCount,
    int NotListed,
    IReadOnlyList<WebhookWatchlist> Watchlists);

public sealed record WebhookSubscriber(string Id, string Name);

/// <summary>A watchlist's section: the stories it matched best, best score first.</summary>
public sealed record WebhookWatchlist(string Id, string Name, int ArticleCount, IReadOnlyList<WebhookStory> Stories);

/// <param name="Id">The article id (stable: the same story from the same feed always has it).</param>
/// <param name="Watchlists">Every watchlist of the subscriber's that the article matched.</param>
/// <param name="Snippet">The text around the first match, as the email shows it.</param>
/// <param name="ClusterSize">Articles of this story in the digest: the lead and its near-duplicates from other sources.</param>
public sealed record WebhookStory(
    string Id,
    string Title,
    string? Link,
    WebhookSource Source,
    DateTimeOffset? PublishedAt,
    double Score,
    string Why,
    IReadOnlyList<string> Watchlists,
    IReadOnlyList<WebhookHighlight> Highlights,
    string Snippet,
    IReadOnlyList<WebhookEntity> Entities,
    WebhookSentiment? Sentiment,
    int ClusterSize,
    IReadOnlyList<string> SimilarSources,
    bool NewCoverage);

public sealed record WebhookSource(string Id, string Name);

/// <summary>A query term that hit the article's <c>title</c> or <c>body</c>, and how many times.</summary>
public sealed record WebhookHighlight(string Term, string Field, int Count);

public sealed record WebhookEntity(string Text, string Category, int Mentions, double Confidence);

public sealed record WebhookSentiment(SentimentLabel Label, double Positive, double Neutral, double Negative);
