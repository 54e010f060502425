using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Tests.Ingestion;

public sealed partial class HtmlTextTests
{
    [Fact]
    public void ToPlainText_DropsScriptsDecodesEntitiesAndKeepsParagraphs()
    {
        var text = HtmlText.ToPlainText("<p>Tom &amp; Jerry</p><script>alert(1)</script><p>Second<br>line &quot;quoted&quot;</p>");

        Assert.Equal("Tom & Jerry\n\nSecond\n\nline \"quoted\"", text);
    }

    [Fact]
    public void ToSingleLine_CollapsesWhitespaceAndTags()
    {
        Assert.Equal("Breaking: a b", HtmlText.ToSingleLine("  <b>Breaking</b>:\n a   b "));
    }

    [Fact]
    public void ToPlainText_GivesWhatTheRegularExpressionsItReplacedGave_OnRandomMarkup()
    {
        string[] pieces =
        [
            "<p>", "</p>", "<div class=\"x\">", "</div>", "<b>", "</b>", "<br>", "<br/>", "<br />", "<li>", "</ul>", "<h2>",
            "<script>alert(1)</script>", "<style>p{}</style>", "<SCRIPT type=\"x\">a<b>c</SCRIPT >", "&amp;", "&lt;b&gt;", "&#10;",
            "&nbsp;", " ", "  ", "\n", "\n\n", "\n \n", "\t", "word", "Tom", ">", "<pre>", "<img src=x>",
        ];

        // A stray '<' is left out: the old passes could pair it with the '>' of a tag after a <br>, which this does not.
        var random = new Random(11);
        for (var i = 0; i < 5000; i++)
        {
            var html = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => pieces[random.Next(pieces.Length)]));

            Assert.True(RegexHtmlText.ToPlainText(html) == HtmlText.ToPlainText(html), $"input: {html}");
            Assert.True(RegexHtmlText.ToSingleLine(html) == HtmlText.ToSingleLine(html), $"input: {html}");
        }
    }

    [Fact]
    public void ToPlainText_TwoHundredThousandNestedBlocks_IsOneParagraph()
    {
        var html = string.Concat(Enumerable.Repeat("<div>\n", 200_000)) + "deep" + string.Concat(Enumerable.Repeat("</div>\n\n", 200_000));

        Assert.Equal("deep", HtmlText.ToPlainText(html));
        Assert.Equal(HtmlText.MaxNesting + 1, HtmlText.Nesting(html));
    }

    [Theory]
    [InlineData("<div><div><b>x</b></div></div>", 3)]
    [InlineData("<p>one<p>two<p>three<li>a<li>b<br><img src=x>", 0)]
    [InlineData("<div/><span>a</span></div></div><i>b</i>", 1)]
    public void Nesting_CountsOnlyElementsThatNest(string html, int expected)
    {
        Assert.Equal(expected, HtmlText.Nesting(html));
    }

    /// <summary>The regular-expression version HtmlText had before (quadratic on long blank runs), as the reference.</summary>
    private static partial class RegexHtmlText
    {
        public static string ToPlainText(string? html)
        {
            if (string.IsNullOrWhiteSpace(html))
            {
                return "";
            }

            var text = ScriptOrStyle().Replace(html, " ");
            text = BlockBoundary().Replace(text, "\n\n");
            text = Tag().Replace(text, "");
            text = System.Net.WebUtility.HtmlDecode(text);
            var paragraphs = ParagraphBreak().Split(text).Select(p => Whitespace().Replace(p, " ").Trim()).Where(p => p.Length > 0);
            return string.Join("\n\n", paragraphs);
        }

        public static string ToSingleLine(string? html) => Whitespace().Replace(ToPlainText(html), " ").Trim();

        [System.Text.RegularExpressions.GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline)]
        private static partial System.Text.RegularExpressions.Regex ScriptOrStyle();

        [System.Text.RegularExpressions.GeneratedRegex(@"<\s*(/?\s*(p|div|h[1-6]|li|ul|ol|blockquote|tr|table|section|article)\b[^>]*|br\s*/?)>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
        private static partial System.Text.RegularExpressions.Regex BlockBoundary();

        [System.Text.RegularExpressions.GeneratedRegex(@"<[^>]*>")]
        private static partial System.Text.RegularExpressions.Regex Tag();

        [System.Text.RegularExpressions.GeneratedRegex(@"\n\s*\n")]
        private static partial System.Text.RegularExpressions.Regex ParagraphBreak();

        [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
        private static partial System.Text.RegularExpressions.Regex Whitespace();
    }
}
