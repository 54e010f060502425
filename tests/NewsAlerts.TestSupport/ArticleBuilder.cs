using NewsAlerts.Core.Articles;

namespace NewsAlerts.TestSupport;

/// <summary>Builds test articles with sensible defaults.</summary>
public sealed class ArticleBuilder
{
    private string _id = "article-1";
    private string _source = "sample-world";
    private string _title = "A title";
    private string _body = "A body.";
    private Uri? _link = new("https://news.example.org/a");
    private string? _cluster;
    private DateTimeOffset? _published = new DateTimeOffset(2023, 10, 27, 9, 15, 0, TimeSpan.Zero);
    private Core.Analysis.ArticleAnalysis? _analysis;

    public ArticleBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    public ArticleBuilder WithSource(string source)
    {
        _source = source;
        return this;
    }

    public ArticleBuilder WithTitle(string title)
    {
        _title = title;
        return this;
    }

    public ArticleBuilder WithBody(string body)
    {
        _body = body;
        return this;
    }

    public ArticleBuilder WithLink(Uri? link)
    {
        _link = link;
        return this;
    }

    public ArticleBuilder WithCluster(string? cluster)
    {
        _cluster = cluster;
        return this;
    }

    public ArticleBuilder WithPublished(DateTimeOffset? published)
    {
        _published = published;
        return this;
    }

    public ArticleBuilder WithAnalysis(Core.Analysis.ArticleAnalysis? analysis)
    {
        _analysis = analysis;
        return this;
    }

    public Article Build() => new()
    {
        Id = _id,
        SourceId = _source,
        Title = _title,
        Body = _body,
        Link = _link,
        PublishedAt = _published,
        IngestedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        ClusterId = _cluster,
        Analysis = _analysis,
    };
}
