using System.Globalization;

namespace Rlvr.Runtime.Storage.InMemory;

/// <summary>
/// Grain storage in process memory, for tests. ETags behave as in the durable providers: every write
/// draws a fresh value from one increasing counter, so a cleared-then-rewritten record never reuses an old ETag.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<GrainStateKey, GrainStateRecord> _records = [];
    private readonly Lock _lock = new();
    private long _lastETag;

    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault(key));
        }
    }

    public Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = _records.GetValueOrDefault(key);
            if (stored?.ETag != expectedETag)
            {
                throw new InconsistentStateException(key, expectedETag, stored?.ETag);
            }

            var eTag = (++_lastETag).ToString(CultureInfo.InvariantCulture);
            _records[key] = new GrainStateRecord(json, eTag);
            return Task.FromResult(eTag);
        }
    }

    public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = _records.GetValueOrDefault(key);
            if (stored?.ETag != expectedETag)
            {
                throw new InconsistentStateException(key, expectedETag, stored?.ETag);
            }

            _records.Remove(key);
            return Task.CompletedTask;
        }
    }
}
