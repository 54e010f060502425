using System.Collections.Concurrent;
using NewsAlerts.Core.Ingestion;

namespace NewsAlerts.TestSupport.Fakes;

public sealed class InMemoryFeedStateStore : IFeedStateStore
{
    private readonly ConcurrentDictionary<string, FeedState> _states = new(StringComparer.Ordinal);

    public Task<FeedState?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.GetValueOrDefault(sourceId));

    public Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        _states[state.SourceId] = state;
        return Task.CompletedTask;
    }
}
