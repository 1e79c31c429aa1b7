namespace Rlvr.Runtime.Reminders;

/// <summary>Durable store of reminders; the reminder service reads it at start-up so reminders survive restarts.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default);

    Task<ReminderEntry?> ReadAsync(GrainId grain, string name, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the reminder and returns its new ETag.</summary>
    Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the reminder if its ETag still matches; false when it did not.</summary>
    Task<bool> RemoveAsync(GrainId grain, string name, string eTag, CancellationToken cancellationToken = default);
}
