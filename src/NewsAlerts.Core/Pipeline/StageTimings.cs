namespace NewsAlerts.Core.Pipeline;

/// <summary>Busy time of one pipeline stage in one run.</summary>
public sealed record StageTime(string Stage, TimeSpan Busy);

/// <summary>
/// Adds up the time each pipeline stage is busy, for <c>newsalerts run --timings</c> and the end-to-end benchmark.
/// A span costs two timestamp reads and a short lock, so it is always on. Stages that run at the same time (on other
/// threads) each count their own time, so the sum can exceed the run's wall time.
/// </summary>
public sealed class StageTimings(TimeProvider time)
{
    private readonly List<(string Stage, long Ticks)> _busy = [];

    /// <summary>Starts a span of <paramref name="stage"/>; disposing it adds the elapsed time.</summary>
    public Span Measure(string stage) => new(this, stage, time.GetTimestamp());

    /// <summary>Adds <paramref name="elapsed"/> to <paramref name="stage"/>.</summary>
    private void Add(string stage, TimeSpan elapsed)
    {
        lock (_busy)
        {
            var index = _busy.FindIndex(b => string.Equals(b.Stage, stage, StringComparison.Ordinal));
            if (index < 0)
            {
                _busy.Add((stage, elapsed.Ticks));
            }
            else
            {
                _busy[index] = (stage, _busy[index].Ticks + elapsed.Ticks);
            }
        }
    }

    /// <summary>Every stage measured since the last <see cref="Reset"/>, in the order each was first measured.</summary>
    public IReadOnlyList<StageTime> Snapshot()
    {
        lock (_busy)
        {
            return _busy.Select(b => new StageTime(b.Stage, TimeSpan.FromTicks(b.Ticks))).ToList();
        }
    }

    /// <summary>Starts counting afresh (each pass of a long-running <c>run</c> reports its own times).</summary>
    public void Reset()
    {
        lock (_busy)
        {
            _busy.Clear();
        }
    }

    private void Stop(string stage, long started) => Add(stage, time.GetElapsedTime(started));

    /// <summary>One measured span; a struct so measuring allocates nothing.</summary>
    public readonly struct Span(StageTimings owner, string stage, long started) : IDisposable
    {
        public void Dispose() => owner.Stop(stage, started);
    }
}
