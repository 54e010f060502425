using System.Globalization;
using System.Net;
using System.Text;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Delivery;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Builds one digest email per subscriber: a section per watchlist, articles by score, each with linked title,
/// source, time, a snippet with the matched terms in bold, and why it matched. HTML is email-safe (inline styles,
/// one 640 px column) and everything from feeds is HTML-escaped.
/// </summary>
public sealed class DigestComposer
{
    private const int SnippetLength = 280;

    public DigestEmail Compose(DigestContent content, EmailAddress from, Uri? unsubscribeUrl, DateTimeOffset now)
    {
        var (config, subscriber, items) = (content.Config, content.Subscriber, content.Items);
        var sections = Sections(config, items);
        var subject = Subject(items.Count, sections);
        var html = new StringBuilder();
        var text = new StringBuilder();
        StartHtml(html, subject, subscriber);
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {subscriber.DisplayName},").AppendLine();
        foreach (var (watchlist, sectionItems) in sections)
        {
            AppendSection(html, text, config, watchlist, sectionItems);
        }

        EndHtml(html);
        text.AppendLine("You receive this because you follow these watchlists in NewsAlerts.");
        return new DigestEmail(
            content.Key.DigestId,
            subscriber.Id,
            new EmailAddress(subscriber.Email, subscriber.Name),
            from,
            subject,
            html.ToString(),
            text.ToString(),
            now,
            unsubscribeUrl,
            content.Key.IsUrgent);
    }

    /// <summary>Each item goes under the watchlist it matched best; sections keep the subscriber's order.</summary>
    private static List<(WatchlistConfig Watchlist, List<DigestItem> Items)> Sections(NewsAlertsConfig config, IReadOnlyList<DigestItem> items) =>
        items
            .GroupBy(i => i.Alert.Matches.MaxBy(m => m.Score)!.WatchlistId)
            .Select(g => (Watchlist: config.FindWatchlist(g.Key) ?? new WatchlistConfig { Id = g.Key, Name = g.Key },
                          Items: g.OrderByDescending(i => i.Alert.Score).ToList()))
            .OrderByDescending(s => s.Items.Max(i => i.Alert.Score))
            .ToList();

    private static string Subject(int count, List<(WatchlistConfig Watchlist, List<DigestItem> Items)> sections)
    {
        var names = string.Join(", ", sections.Select(s => $"{s.Watchlist.Name} ({s.Items.Count})"));
        return $"NewsAlerts: {count} new {(count == 1 ? "article" : "articles")} for {names}";
    }

    private static void StartHtml(StringBuilder html, string subject, SubscriberConfig subscriber)
    {
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{Encode(subject)}</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f4f5;\">")
            .Append("<div style=\"max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#18181b;\">")
            .Append("<p style=\"margin:0 0 4px 0;font-size:13px;color:#71717a;\">NewsAlerts digest</p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px 0;font-size:15px;\">Hello {Encode(subscriber.DisplayName)},</p>");
    }

    private static void EndHtml(StringBuilder html) =>
        html.Append("<p style=\"margin:24px 0 0 0;font-size:12px;color:#71717a;\">You receive this because you follow these watchlists in NewsAlerts.</p>")
            .Append("</div></body></html>");

    private static void AppendSection(StringBuilder html, StringBuilder text, NewsAlertsConfig config, WatchlistConfig watchlist, List<DigestItem> items)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"margin:24px 0 8px 0;font-size:18px;border-bottom:2px solid #2563eb;padding-bottom:4px;\">{Encode(watchlist.Name)}</h2>");
        text.AppendLine(CultureInfo.InvariantCulture, $"== {watchlist.Name} ==").AppendLine();
        foreach (var item in items)
        {
            AppendItem(html, text, config, item);
        }
    }

    private static void AppendItem(StringBuilder html, StringBuilder text, NewsAlertsConfig config, DigestItem item)
    {
        var article = item.Article;
        var source = config.FindSource(article.SourceId)?.DisplayName ?? article.SourceId;
        var when = article.PublishedAt is { } published ? published.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "time unknown";
        var why = "Matched: " + string.Join(", ", item.Alert.Matches.SelectMany(m => m.MatchedTerms).Distinct(StringComparer.OrdinalIgnoreCase));
        var snippet = Snippet.Around(article.Body, item.Alert.Matches.SelectMany(m => m.Highlights).Where(h => h.Field == ArticleFields.Body).ToList(), SnippetLength);
        var link = article.Link?.AbsoluteUri;

        html.Append("<div style=\"margin:0 0 16px 0;\">")
            .Append(link is null
                ? $"<p style=\"margin:0;font-size:16px;font-weight:bold;\">{Encode(article.Title)}</p>"
                : $"<p style=\"margin:0;font-size:16px;font-weight:bold;\"><a href=\"{Encode(link)}\" style=\"color:#1d4ed8;text-decoration:none;\">{Encode(article.Title)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"margin:2px 0;font-size:12px;color:#71717a;\">{Encode(source)} &middot; {Encode(when)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"margin:4px 0;font-size:14px;line-height:1.45;\">{snippet.ToHtml()}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"margin:2px 0;font-size:12px;color:#52525b;\">{Encode(why)}</p>")
            .Append("</div>");

        text.AppendLine(article.Title)
            .AppendLine(CultureInfo.InvariantCulture, $"{source} | {when}");
        if (link is not null)
        {
            text.AppendLine(link);
        }

        text.AppendLine(snippet.ToText()).AppendLine(why).AppendLine();
    }

    internal static string Encode(string value) => WebUtility.HtmlEncode(value);
}
