using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Hosting;

/// <summary>
/// The loop of a grain that works while it runs (a campaign, a sweep): a keep-alive grain timer that ticks it, and a
/// durable watchdog reminder with the registry's running mark, which revive it after its silo died (the reminder) or
/// restarted (the mark, read at start-up). Kept alive because such a grain works for days without a call, and idle
/// collection would cut its timer.
/// </summary>
internal sealed class RunningLoop(Grain grain, string id, string reminderName, ICampaignRegistryGrain registry, TimeSpan tickPeriod)
{
    /// <summary>The watchdog's period: Orleans' minimum.</summary>
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMinutes(1);

    private IDisposable? _timer;

    public bool IsTicking => _timer is not null;

    /// <summary>
    /// Registers the watchdog and the running mark. Call before storing the running status: a crash in between leaves a
    /// watchdog that finds the grain not running and removes itself, never a running grain that nothing would wake.
    /// </summary>
    public async Task Arm()
    {
        await grain.RegisterOrUpdateReminder(reminderName, WatchdogPeriod, WatchdogPeriod);
        await registry.SetRunning(id, true);
    }

    /// <summary>Removes the watchdog and the running mark; call after storing the final or halted status.</summary>
    public async Task Disarm()
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
        await registry.SetRunning(id, false);
    }

    public void Start(Func<CancellationToken, Task> tick) =>
        _timer ??= grain.RegisterGrainTimer(tick, new GrainTimerCreationOptions(TimeSpan.Zero, tickPeriod) { KeepAlive = true });

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>
    /// A watchdog tick: a running grain ticks in this activation (and gets its running mark, should a crash have lost
    /// it); otherwise the watchdog was left by a crash between storing a final status and disarming, and goes.
    /// </summary>
    public async Task OnWatchdog(bool running, Func<CancellationToken, Task> tick)
    {
        if (running)
        {
            Start(tick);
            await registry.SetRunning(id, true);
        }
        else
        {
            await Disarm();
        }
    }
}
