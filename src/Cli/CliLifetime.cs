using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Rlvr.Cli;

/// <summary>
/// The host lifetime of `rlvr run` and `rlvr silo`, in place of the generic host's ConsoleLifetime, which ignores a
/// second Ctrl+C and holds the process's exit until the host has stopped. The first SIGINT (Ctrl+C) or SIGTERM stops
/// the application (<see cref="IHostApplicationLifetime.StopApplication"/>): the command then checkpoints its campaigns
/// and stops the silo. A second one ends the process at once, as the signal does by default (exit 130 or 143); so does
/// the first while <see cref="AbandonNotice"/> is set, when there is nothing a graceful stop would keep.
/// </summary>
internal sealed class CliLifetime(IHostApplicationLifetime application) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    /// <summary>The signal that stopped the application, if one did.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The shell's convention for a process a signal ended: 128 + the signal's number.</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? 143 : 130;

    /// <summary>While set, the first signal prints it and ends the process at once (the warm start: nothing is stored until it ends).</summary>
    public string? AbandonNotice { get; set; }

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // Not cancelled: the signal's default action ends the process now.
            return;
        }
        if (AbandonNotice is { } notice)
        {
            ErrorConsole.Write(notice);
            return;
        }
        context.Cancel = true;
        Signal = context.Signal;
        ErrorConsole.Write($"{Name(context.Signal)}: checkpointing and stopping (press Ctrl+C again to exit at once, without a checkpoint)");
        application.StopApplication();
    }

    private static string Name(PosixSignal signal) => signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl+C";
}
