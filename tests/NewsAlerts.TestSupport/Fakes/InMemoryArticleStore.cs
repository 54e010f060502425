using System.Collections.Concurrent;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.TestSupport.Fakes;

public sealed class InMemoryArticleStore : IArticleStore
{
    private readonly ConcurrentDictionary<string, Article> _articles = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken) => Task.FromResult(_articles.TryAdd(article.Id, article));

    public Task<Article?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_articles.GetValueOrDefault(id));

    public Task UpdateAsync(Article article, CancellationToken cancellationToken)
    {
        _articles[article.Id] = article;
        return Task.CompletedTask;
    }
}
