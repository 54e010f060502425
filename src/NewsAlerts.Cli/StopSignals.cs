using System.Runtime.InteropServices;

namespace NewsAlerts.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (a service manager stopping the unit) for a long-running command: the first asks it to
/// stop once the current run is finished, and ends a wait between runs at once; a second one aborts the run in
/// progress (safe: every stage resumes where it stopped on the next run).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CliConsole _console;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _abort;
    private readonly List<PosixSignalRegistration> _registrations = [];

    private StopSignals(CliConsole console, CancellationToken cancellationToken)
    {
        _console = console;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Cancelled by a second signal (or the caller's token): the run in progress stops.</summary>
    public CancellationToken Abort => _abort.Token;

    public static StopSignals Listen(CliConsole console, CancellationToken cancellationToken)
    {
        var signals = new StopSignals(console, cancellationToken);
        signals._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, signals.OnSignal));
        signals._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, signals.OnSignal));
        return signals;
    }

    /// <summary>Waits <paramref name="delay"/>; false when a stop was asked for before or during the wait.</summary>
    public async Task<bool> WaitAsync(TimeSpan delay, TimeProvider time)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return !_stop.IsCancellationRequested;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
        _abort.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the command ends the process itself, once its run is done
        if (!_stop.IsCancellationRequested)
        {
            _console.WriteErrorLine($"{context.Signal} received: stopping once the current run is finished (send it again to stop at once)");
            _stop.Cancel();
        }
        else
        {
            _console.WriteErrorLine($"{context.Signal} received again: stopping now");
            _abort.Cancel();
        }
    }
}
