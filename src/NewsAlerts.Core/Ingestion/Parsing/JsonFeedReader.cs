using System.Text.Json;

namespace NewsAlerts.Core.Ingestion.Parsing;

/// <summary>Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) with System.Text.Json.</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static ParsedFeed Read(ReadOnlyMemory<byte> utf8, Uri? location, List<string> warnings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            warnings.Add($"malformed JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split('.')[0]}");
            return new ParsedFeed("", null, [], warnings);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !String(root, "version").StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
            {
                warnings.Add("not a feed: JSON without a jsonfeed.org \"version\"");
                return new ParsedFeed("", null, [], warnings);
            }

            var format = String(root, "version").EndsWith("/1", StringComparison.Ordinal) ? "JSON Feed 1.0" : "JSON Feed 1.1";
            var link = Link(String(root, "home_page_url"), location);
            var language = NullIfEmpty(String(root, "language"));
            var items = new List<FeedItem>();
            if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    items.Add(ReadItem(item, link ?? location, language, warnings));
                }
            }
            else
            {
                warnings.Add("JSON Feed without an \"items\" array");
            }

            return new ParsedFeed(String(root, "title").Trim(), link, items, warnings) { Format = format };
        }
    }

    private static FeedItem ReadItem(JsonElement item, Uri? baseUri, string? language, List<string> warnings)
    {
        var title = String(item, "title");
        var date = NullIfEmpty(String(item, "date_published")) ?? NullIfEmpty(String(item, "date_modified"));
        var published = FeedDates.Parse(date);
        if (date is not null && published is null)
        {
            warnings.Add($"item '{title}': unreadable date '{date}'");
        }

        var html = NullIfEmpty(String(item, "content_html"));
        return new FeedItem
        {
            Guid = NullIfEmpty(String(item, "id")),
            GuidIsPermaLink = false,
            Title = title,
            Link = Link(String(item, "url"), baseUri) ?? Link(String(item, "external_url"), baseUri),
            PublishedAt = published,
            Summary = NullIfEmpty(String(item, "summary")),
            Content = html ?? System.Net.WebUtility.HtmlEncode(NullIfEmpty(String(item, "content_text"))),
            Language = NullIfEmpty(String(item, "language")) ?? language,
        };
    }

    /// <summary>A string property; numbers are accepted too (ids are sometimes numeric); anything else is empty.</summary>
    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Number => value.GetRawText(),
                _ => "",
            }
            : "";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Uri? Link(string value, Uri? baseUri) =>
        value.Length == 0 ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute
        : baseUri is not null && Uri.TryCreate(baseUri, value, out var relative) ? relative : null;
}
