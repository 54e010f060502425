using System.Net.Http.Headers;
using System.Text;
using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Ingestion.Http;
using SmartReader;

namespace NewsAlerts.Core.Ingestion.FullText;

/// <summary>
/// Fetches an article's page (through <see cref="IArticlePageFetcher"/>, so under the feed's HTTP rules) and extracts
/// its main text with SmartReader, a port of Mozilla's Readability: navigation, scripts and ad blocks are left out,
/// paragraphs are kept and separated by blank lines.
/// </summary>
public sealed class FullTextExtractor(IArticlePageFetcher pages)
{
    static FullTextExtractor() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // windows-1252 and kin

    /// <summary>
    /// The main text of <paramref name="page"/>, as plain text. Throws <see cref="FeedFetchException"/> when the page
    /// cannot be fetched and <see cref="FullTextException"/> when no readable text is found in it.
    /// </summary>
    public async Task<string> ExtractAsync(SourceConfig source, Uri page, CancellationToken cancellationToken)
    {
        var fetched = await pages.FetchPageAsync(source, page, cancellationToken);
        return ExtractText(fetched.Body, fetched.ContentType, fetched.Location);
    }

    /// <summary>The main text of an HTML document; the charset of <paramref name="contentType"/> wins, else the page's own declaration.</summary>
    public static string ExtractText(byte[] html, string? contentType, Uri location)
    {
        Article article;
        try
        {
            article = Charset(contentType) is { } encoding
                ? Reader.ParseArticle(location.AbsoluteUri, text: encoding.GetString(html), userAgent: null) // the two-string overload would download the page itself
                : Reader.ParseArticle(location.AbsoluteUri, new MemoryStream(html, writable: false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FullTextException($"{location}: the page could not be read as HTML ({ex.Message})", ex);
        }

        var text = Paragraphs(article.TextContent);
        if (!article.IsReadable || text.Length == 0)
        {
            throw new FullTextException($"{location}: no article text found in the page");
        }

        return text;
    }

    /// <summary>SmartReader ends each block with a line break; the pipeline's plain text separates paragraphs with one blank line.</summary>
    private static string Paragraphs(string? text) => string.Join(
        "\n\n",
        (text ?? "").Split('\n').Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(line => line.Length > 0));

    private static Encoding? Charset(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.CharSet is not { Length: > 0 } charset)
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return null; // unknown charset: let the page's own declaration decide
        }
    }
}

/// <summary>A fetched page held no readable article text; the message is one line naming the page.</summary>
public sealed class FullTextException(string message, Exception? inner = null) : Exception(message, inner);
