namespace NewsAlerts.Core.Pipeline;

/// <summary>
/// Groups store writes so they cost one commit and succeed or fail together: one SQLite transaction in the CLI. In
/// Azure the stores are Tables, Blobs and queues with no transaction across them (<see cref="SeparateWrites"/>): each
/// write stands alone, and the Functions pipeline orders and repeats its steps so that is safe.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>True when a unit's writes commit as one transaction, all or none.</summary>
    bool IsAtomic { get; }

    /// <summary>Starts a unit: store writes of the calling async flow belong to it until it is committed or disposed.</summary>
    Task<IUnitOfWorkScope> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>An open unit of work: disposing it without <see cref="CommitAsync"/> undoes what it wrote, where the stores can.</summary>
public interface IUnitOfWorkScope : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>No unit of work: every store write commits on its own (Table storage, in-memory stores).</summary>
public sealed class SeparateWrites : IUnitOfWork, IUnitOfWorkScope
{
    public bool IsAtomic => false;

    public Task<IUnitOfWorkScope> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<IUnitOfWorkScope>(this);

    public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
