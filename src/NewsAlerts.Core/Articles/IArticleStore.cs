namespace NewsAlerts.Core.Articles;

/// <summary>Where articles live once ingested.</summary>
public interface IArticleStore
{
    /// <summary>Adds the article unless one with the same id exists; true when it was new.</summary>
    Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken);

    Task<Article?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces a stored article, for example to record its analysis.</summary>
    Task UpdateAsync(Article article, CancellationToken cancellationToken);
}
