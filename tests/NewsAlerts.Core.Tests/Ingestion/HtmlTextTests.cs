using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.Core.Tests.Ingestion;

public sealed class HtmlTextTests
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
}
