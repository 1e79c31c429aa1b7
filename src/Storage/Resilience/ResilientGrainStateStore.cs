using Microsoft.Extensions.Logging;

namespace Rlvr.Storage.Resilience;

/// <summary>
/// Retries an <see cref="IGrainStateStore"/>'s transient failures. A write or clear whose attempt failed may
/// still have committed, so before trying again the record is re-read: if it already shows our effect, that is
/// the result; if it still holds the expected ETag, the attempt is repeated; otherwise another writer got
/// there and a conflict is thrown (never retried).
/// The decorator owns the inner provider and disposes it.
/// </summary>
public sealed class ResilientGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    private readonly IGrainStateStore _inner;
    private readonly StorageRetryPipeline _pipeline;

    public ResilientGrainStateStore(IGrainStateStore inner, string providerName, StorageRetryOptions options, ILogger<ResilientGrainStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _pipeline = new StorageRetryPipeline(providerName, options, logger);
    }

    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("read", key.ToString(), ct => new ValueTask<GrainStateRecord?>(_inner.ReadAsync(key, ct)), cancellationToken);

    public Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var outcomeUnknown = false;
        return _pipeline.ExecuteAsync("write", key.ToString(), async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await _inner.ReadAsync(key, ct);
                if (stored is not null && stored.ETag != expectedETag && stored.Json == json)
                {
                    return stored.ETag;
                }

                if (stored?.ETag != expectedETag)
                {
                    throw Conflicts.ETagMismatch(key, expectedETag, stored?.ETag);
                }
            }

            outcomeUnknown = true;
            return await _inner.WriteAsync(key, json, expectedETag, ct);
        }, cancellationToken);
    }

    public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var outcomeUnknown = false;
        return _pipeline.ExecuteAsync("clear", key.ToString(), async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await _inner.ReadAsync(key, ct);
                if (stored is null && expectedETag is not null)
                {
                    return true;
                }

                if (stored?.ETag != expectedETag)
                {
                    throw Conflicts.ETagMismatch(key, expectedETag, stored?.ETag);
                }
            }

            outcomeUnknown = true;
            await _inner.ClearAsync(key, expectedETag, ct);
            return true;
        }, cancellationToken);
    }

    public ValueTask DisposeAsync() => _inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
