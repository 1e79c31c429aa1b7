using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime;

/// <summary>
/// Base class of grain implementations. The silo constructs a grain on its first call (constructor parameters are silo
/// services or <see cref="IPersistentState{TState}"/> marked with <see cref="PersistentStateAttribute"/>), loads its
/// states, then calls <see cref="OnActivateAsync"/>.
/// </summary>
/// <remarks>
/// Grain code runs one turn at a time on the activation's scheduler, on thread-pool threads; after an <c>await</c> it
/// resumes there. Do not block on tasks and do not use <c>ConfigureAwait(false)</c> in grain code. Long synchronous
/// work (e.g. a libtorch training step) belongs off the scheduler: <c>var result = await Task.Run(() => Train(batch));</c>
/// runs it on the thread pool while the turn stays open, so no other non-interleaving call starts until it returns
/// and the continuation is back on the grain's turn. Give such methods a <see cref="ResponseTimeoutAttribute"/>
/// longer than the work, or start the work and report completion through state or a reminder.
/// </remarks>
public abstract class Grain : IGrain
{
    [ThreadStatic]
    internal static Activation? Constructing;

    private readonly Activation _activation;

    protected Grain()
    {
        _activation = Constructing ?? throw new InvalidOperationException(
            $"{GetType().FullName} is a grain: the silo creates it on the first call through IGrainFactory; it cannot be constructed directly.");
    }

    public GrainId GrainId => _activation.GrainId;

    protected IGrainFactory GrainFactory => _activation.Services.GetRequiredService<IGrainFactory>();

    public string GetPrimaryKeyString() => _activation.GrainId.Key;

    /// <summary>Runs after the persistent states are loaded, before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs on idle collection, shutdown or request; not on a crash, and nothing is saved implicitly, so write state as
    /// part of the operation that changes it.
    /// </summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends; the next call creates a fresh one.</summary>
    protected void DeactivateOnIdle() => _activation.Deactivate(DeactivationReason.Requested);

    /// <summary>
    /// An in-memory timer owned by this activation. Each tick is a turn (never overlapping a call or another tick);
    /// the period is measured from the end of the previous tick; <see cref="Timeout.InfiniteTimeSpan"/> fires once.
    /// Ticks do not keep the activation alive; dispose to stop.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Registers or replaces a durable reminder: first tick after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Reminders.RegisterOrUpdateAsync(RemindableId(), reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Reminders.UnregisterAsync(RemindableId(), reminder.ReminderName);
    }

    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetAsync(RemindableId(), reminderName);

    private ReminderService Reminders => _activation.Services.GetRequiredService<ReminderService>();

    private GrainId RemindableId() => this is IRemindable
        ? _activation.GrainId
        : throw new InvalidOperationException($"Grain class {GetType().FullName} must implement IRemindable to use reminders.");
}
