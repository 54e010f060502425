using System.Collections.Concurrent;
using NewsAlerts.Core.Articles;

namespace NewsAlerts.TestSupport.Fakes;

public sealed class InMemoryArticleStore : IArticleStore
{
    private readonly ConcurrentDictionary<string, Article> _articles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UnmatchedArticle> _unmatched = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(Article article, CancellationToken cancellationToken)
    {
        var added = _articles.TryAdd(article.Id, article);
        if (added)
        {
            _unmatched[article.Id] = new UnmatchedArticle(article.Id, article.IngestedAt, 0);
        }

        return Task.FromResult(added);
    }

    public Task<Article?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_articles.GetValueOrDefault(id));

    public Task UpdateAsync(Article article, CancellationToken cancellationToken)
    {
        _articles[article.Id] = article;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UnmatchedArticle>> GetUnmatchedAsync(DateTimeOffset waitingSince, int maxRequeues, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnmatchedArticle>>(_unmatched.Values
            .Where(a => a.WaitingSince <= waitingSince && a.Requeues <= maxRequeues)
            .OrderBy(a => a.WaitingSince).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList());

    public Task MarkRequeuedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_unmatched.TryGetValue(id, out var waiting))
        {
            _unmatched[id] = waiting with { WaitingSince = at, Requeues = waiting.Requeues + 1 };
        }

        return Task.CompletedTask;
    }

    public Task MarkMatchedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _unmatched.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
