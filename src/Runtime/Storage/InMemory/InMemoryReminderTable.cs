using System.Globalization;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Storage.InMemory;

/// <summary>Reminder table in process memory, for tests; ETags from one increasing counter as in the durable tables.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _entries = [];
    private readonly Lock _lock = new();
    private long _lastETag;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _entries.Values]);
        }
    }

    public Task<ReminderEntry?> ReadAsync(GrainId grain, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_entries.GetValueOrDefault((grain, name)));
        }
    }

    public Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var eTag = (++_lastETag).ToString(CultureInfo.InvariantCulture);
            _entries[(entry.Grain, entry.Name)] = entry with { ETag = eTag };
            return Task.FromResult(eTag);
        }
    }

    public Task<bool> RemoveAsync(GrainId grain, string name, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(eTag);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_entries.GetValueOrDefault((grain, name))?.ETag != eTag)
            {
                return Task.FromResult(false);
            }

            _entries.Remove((grain, name));
            return Task.FromResult(true);
        }
    }
}
