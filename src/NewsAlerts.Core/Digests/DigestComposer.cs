using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Builds one digest email per subscriber from <see cref="DigestTemplates"/>: a section per watchlist, stories by
/// score, each with linked title, source, time in the subscriber's zone, a snippet with the matched terms
/// highlighted, why it matched, top entities, a sentiment badge and "and N similar articles" for a story cluster.
/// Articles of one cluster fold into one story; at most <see cref="SubscriberConfig.MaxItems"/> stories are listed.
/// </summary>
public sealed class DigestComposer
{
    private const int SnippetLength = 280;
    private const int MaxEntities = 5;

    private readonly Lazy<DigestTemplates> _templates;

    public DigestComposer()
        : this(BuiltIn())
    {
    }

    /// <summary>
    /// With <see cref="DeliveryOptions.TemplatesPath"/>, the templates are read now, so a broken one stops the start; the
    /// built-in ones are parsed at the first digest, so a run that sends none does not pay for them.
    /// </summary>
    public DigestComposer(IOptions<DeliveryOptions> options)
        : this(string.IsNullOrEmpty(options.Value.TemplatesPath) ? BuiltIn() : new Lazy<DigestTemplates>(DigestTemplates.Load(options.Value.TemplatesPath)))
    {
    }

    public DigestComposer(DigestTemplates templates)
        : this(new Lazy<DigestTemplates>(templates))
    {
    }

    private DigestComposer(Lazy<DigestTemplates> templates) => _templates = templates;

    private static Lazy<DigestTemplates> BuiltIn() => new(() => DigestTemplates.Default);

    /// <param name="unsubscribeCommand">Shown when there is no <paramref name="unsubscribeUrl"/>: how to unsubscribe on the machine that sends.</param>
    public DigestEmail Compose(DigestContent content, EmailAddress from, Uri? unsubscribeUrl, DateTimeOffset now, string? unsubscribeCommand = null) =>
        Compose(View(content, null, now), content, from, unsubscribeUrl, now, unsubscribeCommand);

    /// <summary>
    /// The email of a <paramref name="view"/> already built for <paramref name="content"/> (the channels' view, which has
    /// no unsubscribe link): only the link or command is added, the stories are not grouped and ranked again.
    /// </summary>
    public DigestEmail Compose(DigestView view, DigestContent content, EmailAddress from, Uri? unsubscribeUrl, DateTimeOffset now, string? unsubscribeCommand = null)
    {
        view = view with { UnsubscribeUrl = unsubscribeUrl?.AbsoluteUri, UnsubscribeCommand = unsubscribeUrl is null ? unsubscribeCommand : null };
        var (html, text) = _templates.Value.Render(view);
        var subscriber = content.Subscriber;
        return new DigestEmail(
            content.Key.DigestId,
            subscriber.Id,
            new EmailAddress(subscriber.Email, subscriber.Name),
            from,
            view.Subject,
            html,
            text,
            now,
            unsubscribeUrl,
            content.Key.IsUrgent);
    }

    /// <summary>The template model: stories (one per cluster) under the watchlist they matched best.</summary>
    public static DigestView View(DigestContent content, Uri? unsubscribeUrl, DateTimeOffset now)
    {
        var (config, subscriber) = (content.Config, content.Subscriber);
        var zone = SubscriberClock.TryFindZone(subscriber.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var stories = content.Items
            .GroupBy(i => i.Alert.ClusterId ?? i.Article.ClusterId ?? i.Article.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(i => i.Alert.Score).ThenBy(i => i.Article.PublishedAt).ToList())
            .OrderByDescending(s => s[0].Alert.Score)
            .ToList();
        var listed = stories.Take(Math.Max(1, subscriber.MaxItems)).ToList();
        var notListed = stories.Skip(listed.Count).Sum(s => s.Count);
        var sections = listed
            .GroupBy(s => BestMatch(s[0]).WatchlistId, StringComparer.Ordinal)
            .Select(g => new SectionView(
                g.Key,
                WatchlistName(config, g.Key),
                g.Sum(s => s.Count),
                g.Select(s => Story(config, zone, s, content.ClustersAlreadySent)).ToList()))
            .ToList();
        var count = content.Items.Count;
        var names = string.Join(", ", sections.Select(s => $"{s.Name} ({s.Count})"));
        var subject = $"NewsAlerts{(content.Key.IsUrgent ? " urgent" : "")}: {count} new {(count == 1 ? "article" : "articles")} for {names}";
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DigestView(
            subject,
            subscriber.DisplayName,
            local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + ZoneName(zone),
            count,
            sections,
            notListed,
            subscriber.Watchlists.Select(id => WatchlistName(config, id)).ToList(),
            unsubscribeUrl?.AbsoluteUri,
            content.Key.IsUrgent,
            content.Key,
            now);
    }

    private static StoryView Story(NewsAlertsConfig config, TimeZoneInfo zone, List<DigestItem> items, IReadOnlySet<string> alreadySent)
    {
        var (alert, article) = (items[0].Alert, items[0].Article);
        var highlights = alert.Matches.SelectMany(m => m.Highlights).ToList();
        var snippet = Snippet.Around(article.Body, highlights.Where(h => h.Field == ArticleFields.Body).ToList(), SnippetLength);
        var sentiment = article.Analysis?.Sentiment.Label;
        var cluster = alert.ClusterId ?? article.ClusterId;
        var source = SourceName(config, article.SourceId);
        return new StoryView(
            article.Title,
            article.Link is { Scheme: "http" or "https" } link ? link.AbsoluteUri : null,
            source,
            article.PublishedAt is { } published
                ? string.Create(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(published, zone):yyyy-MM-dd HH:mm} {ZoneName(zone)}")
                : "time unknown",
            snippet.ToHtml(),
            snippet.ToText(),
            Why(config, alert.Matches, highlights),
            TopEntities(article.Analysis),
            sentiment?.ToString(),
            sentiment switch
            {
                SentimentLabel.Positive => "#15803d",
                SentimentLabel.Negative => "#b91c1c",
                SentimentLabel.Mixed => "#b45309",
                _ => "#71717a",
            },
            items.Count - 1,
            items.Skip(1).Select(i => SourceName(config, i.Article.SourceId)).Distinct(StringComparer.Ordinal).ToList(),
            cluster is not null && alreadySent.Contains(cluster),
            alert.Score.ToString("0.00", CultureInfo.InvariantCulture),
            items[0]);
    }

    /// <summary>"Matched: Hamas, delegation, Russia in the title and text", and the other watchlists it also matched.</summary>
    private static string Why(NewsAlertsConfig config, IReadOnlyList<WatchlistMatch> matches, List<Highlight> highlights)
    {
        var why = Matched(highlights);
        var also = matches.OrderByDescending(m => m.Score).Skip(1).Select(m => WatchlistName(config, m.WatchlistId)).ToList();
        return also.Count == 0 ? why : $"{why}; also matches {string.Join(", ", also)}";
    }

    /// <summary>"Matched: Hamas, delegation, Russia in the title and text": the terms that hit and where.</summary>
    public static string Matched(IReadOnlyCollection<Highlight> highlights)
    {
        var terms = highlights.Select(h => h.Term).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var fields = highlights.Select(h => h.Field).Distinct().ToList();
        var where = (fields.Contains(ArticleFields.Title), fields.Contains(ArticleFields.Body)) switch
        {
            (true, true) => " in the title and text",
            (true, false) => " in the title",
            (false, true) => " in the text",
            _ => "",
        };
        return terms.Count == 0 ? "Matched your watchlist" : $"Matched: {string.Join(", ", terms)}{where}";
    }

    /// <summary>
    /// The names of note, named most often (then most confidently), each once: people, organisations, places and other
    /// names, not dates, quantities or nationality adjectives (a chip reading "4.5%" or "Russian" tells the reader nothing).
    /// </summary>
    private static List<string> TopEntities(ArticleAnalysis? analysis) =>
        analysis is null
            ? []
            : analysis.Entities
                .Where(EntityCategories.IsOfNote)
                .GroupBy(e => e.Text.Trim(), StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count())
                .ThenByDescending(g => g.Max(e => e.Confidence))
                .Take(MaxEntities)
                .Select(g => g.First().Text.Trim())
                .ToList();

    private static WatchlistMatch BestMatch(DigestItem item) => item.Alert.Matches.MaxBy(m => m.Score) ?? new WatchlistMatch("", 0, []);

    private static string WatchlistName(NewsAlertsConfig config, string id) => config.FindWatchlist(id)?.Name ?? id;

    private static string SourceName(NewsAlertsConfig config, string id) => config.FindSource(id)?.DisplayName ?? id;

    private static string ZoneName(TimeZoneInfo zone) => zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;

    internal static string Encode(string value) => WebUtility.HtmlEncode(value);
}
