using NewsAlerts.Core.Articles;

namespace NewsAlerts.TestSupport.Fakes;

/// <summary>Passes every call to another store; fault-injection tests override the call they break.</summary>
public class DelegatingArticleStore(IArticleStore inner) : IArticleStore
{
    public virtual Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken) => inner.TryAddAsync(article, cancellationToken);

    public virtual Task<Article?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public virtual Task UpdateAsync(Article article, CancellationToken cancellationToken) => inner.UpdateAsync(article, cancellationToken);

    public virtual Task<IReadOnlyList<UnmatchedArticle>> GetUnmatchedAsync(DateTimeOffset waitingSince, int maxRequeues, int limit, CancellationToken cancellationToken) =>
        inner.GetUnmatchedAsync(waitingSince, maxRequeues, limit, cancellationToken);

    public virtual Task MarkRequeuedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => inner.MarkRequeuedAsync(id, at, cancellationToken);

    public virtual Task MarkMatchedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => inner.MarkMatchedAsync(id, at, cancellationToken);
}
