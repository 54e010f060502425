using NewsAlerts.Core.Articles;

namespace NewsAlerts.TestSupport;

/// <summary>The example article every part must handle, read the way <c>.txt</c> articles are: first line title, rest body.</summary>
public static class SeedArticle
{
    public const string Title = "Israel demanded the expulsion of Hamas representatives from Russia. Putin’s spokesman responded";

    public static Article Load()
    {
        var lines = File.ReadAllLines(RepoPaths.SeedArticle);
        var title = lines.First(l => l.Trim().Length > 0).Trim();
        var body = string.Join("\n\n", lines.SkipWhile(l => l.Trim() != title).Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Trim()));
        return new ArticleBuilder().WithTitle(title).WithBody(body).Build();
    }
}
