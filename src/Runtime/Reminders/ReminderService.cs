using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Calls;

namespace Rlvr.Runtime.Reminders;

/// <summary>
/// Durable reminders: registrations go to the <see cref="IReminderTable"/>; at start-up every stored reminder is loaded
/// and scheduled, so reminders keep firing after a restart. A tick calls <see cref="IRemindable.ReceiveReminder"/>
/// through the router, which activates the grain if needed.
/// </summary>
internal sealed class ReminderService(IServiceProvider services, GrainTypeRegistry registry, GrainCallRouter router, ILogger<ReminderService> logger)
    : IDisposable
{
    private static readonly GrainMethod ReceiveReminder = GrainMethod.For(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!);

    private readonly IReminderTable? _table = (IReminderTable?)services.GetService(typeof(IReminderTable));
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ScheduledReminder> _scheduled = new();

    private IReminderTable Table => _table ?? throw new InvalidOperationException(
        "Reminders need a reminder table: register an IReminderTable (e.g. AddSqliteReminderTable) with the silo's services.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_table is null)
        {
            return;
        }
        var entries = await _table.ReadAllAsync(cancellationToken);
        foreach (var entry in entries)
        {
            if (registry.TryGetByTypeName(entry.Grain.Type, out var grainClass) && grainClass.IsRemindable)
            {
                Schedule(entry, grainClass);
            }
            else
            {
                logger.LogWarning("Reminder {Name} of {Grain} is not scheduled: no registered grain class of type '{Type}' implements IRemindable",
                    entry.Name, entry.Grain, entry.Grain.Type);
            }
        }
        logger.LogInformation("Loaded {Count} reminders", _scheduled.Count);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grain, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (!registry.TryGetByTypeName(grain.Type, out var grainClass))
        {
            throw new ArgumentException($"Grain type '{grain.Type}' is not registered with the silo.", nameof(grain));
        }
        var entry = new ReminderEntry(grain, name, DateTimeOffset.UtcNow + dueTime, period);
        var eTag = await Table.UpsertAsync(entry);
        Schedule(entry with { ETag = eTag }, grainClass);
        return GrainReminder.From(entry);
    }

    public async Task UnregisterAsync(GrainId grain, string name)
    {
        if (_scheduled.TryRemove((grain, name), out var scheduled))
        {
            scheduled.Dispose();
        }
        var stored = await Table.ReadAsync(grain, name);
        if (stored is not null)
        {
            await Table.RemoveAsync(grain, name, stored.ETag);
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grain, string name)
    {
        var stored = await Table.ReadAsync(grain, name);
        return stored is null ? null : GrainReminder.From(stored);
    }

    public void Dispose()
    {
        foreach (var scheduled in _scheduled.Values)
        {
            scheduled.Dispose();
        }
        _scheduled.Clear();
    }

    private void Schedule(ReminderEntry entry, GrainClassInfo grainClass)
    {
        var scheduled = new ScheduledReminder(entry, grainClass, this);
        _scheduled.AddOrUpdate((entry.Grain, entry.Name), scheduled, (_, previous) =>
        {
            previous.Dispose();
            return scheduled;
        });
        scheduled.Start();
    }

    /// <summary>The next tick strictly after <paramref name="now"/> on the reminder's grid (StartAt + n * Period); missed ticks are skipped.</summary>
    internal static DateTimeOffset NextTick(ReminderEntry entry, DateTimeOffset now)
    {
        if (now < entry.StartAt)
        {
            return entry.StartAt;
        }
        var periods = (now - entry.StartAt).Ticks / entry.Period.Ticks + 1;
        return entry.StartAt + TimeSpan.FromTicks(periods * entry.Period.Ticks);
    }

    private async Task TickAsync(ReminderEntry entry, GrainClassInfo grainClass, DateTimeOffset due)
    {
        try
        {
            await router.InvokeAsync<object?>(entry.Grain, grainClass, ReceiveReminder, [entry.Name, new TickStatus(entry.StartAt, entry.Period, due)]);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Reminder {Name} of {Grain} failed", entry.Name, entry.Grain);
        }
    }

    private sealed class ScheduledReminder(ReminderEntry entry, GrainClassInfo grainClass, ReminderService service) : IDisposable
    {
        private Timer? _timer;
        private DateTimeOffset _due;
        private volatile bool _disposed;

        public void Start()
        {
            // A tick starts a call chain of its own, not the one of the call that registered the reminder.
            using (ExecutionContext.SuppressFlow())
            {
                _timer = new Timer(static state => _ = ((ScheduledReminder)state!).FireAsync(), this, Timeout.Infinite, Timeout.Infinite);
            }
            ScheduleNext(DateTimeOffset.UtcNow);
        }

        public void Dispose()
        {
            _disposed = true;
            _timer?.Dispose();
        }

        private void ScheduleNext(DateTimeOffset now)
        {
            _due = NextTick(entry, now);
            try
            {
                _timer!.Change(_due - now, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // unregistered meanwhile
            }
        }

        private async Task FireAsync()
        {
            if (_disposed)
            {
                return;
            }
            var due = _due;
            await service.TickAsync(entry, grainClass, due);
            if (!_disposed)
            {
                // From the tick just delivered at the earliest: a timer that fires a little early must not repeat it.
                var now = DateTimeOffset.UtcNow;
                ScheduleNext(now > due ? now : due);
            }
        }
    }
}
