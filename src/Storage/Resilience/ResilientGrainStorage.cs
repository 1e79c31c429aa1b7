using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Rlvr.Storage.Serialization;

namespace Rlvr.Storage.Resilience;

/// <summary>
/// Retries an Orleans <see cref="IGrainStorage"/>'s transient failures with backoff. A write or clear whose attempt
/// failed may still have landed, so before trying again the record is re-read: if it already shows our effect, that is
/// the result; if it still holds the ETag we presented, the attempt is repeated; otherwise another writer got there and
/// <see cref="InconsistentStateException"/> is thrown. Conflicts are never retried.
/// </summary>
/// <remarks>
/// Every attempt works on its own copy of the grain state, so an attempt abandoned after its timeout cannot change the
/// caller's state when it finishes late. Lifecycle participation (start-up checks, Azure table creation) is the inner
/// provider's, passed through.
/// </remarks>
public sealed class ResilientGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly IGrainStorage _inner;
    private readonly StorageRetryPipeline _pipeline;

    public ResilientGrainStorage(IGrainStorage inner, string providerName, StorageRetryOptions options, ILogger<ResilientGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _pipeline = new StorageRetryPipeline(providerName, options, logger);
    }

    /// <summary>The provider this one retries.</summary>
    public IGrainStorage Inner => _inner;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var read = await _pipeline.ExecuteAsync("read", Key(stateName, grainId),
            ct => new ValueTask<IGrainState<T>>(ReadCopyAsync<T>(stateName, grainId, grainState.State, ct)), CancellationToken.None);
        CopyInto(read, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        var json = StorageJson.Serialize(grainState.State);
        var outcomeUnknown = false;
        var written = await _pipeline.ExecuteAsync("write", Key(stateName, grainId), async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await ReadCopyAsync<T>(stateName, grainId, grainState.State, ct);
                if (stored.RecordExists && stored.ETag != expected && StorageJson.Serialize(stored.State) == json)
                {
                    return stored;
                }

                if (stored.ETag != expected)
                {
                    throw new InconsistentStateException(
                        $"Write of state '{stateName}' of {grainId} had an unknown outcome and the record has since changed.",
                        stored.ETag, expected);
                }
            }

            outcomeUnknown = true;
            var attempt = Copy<T>(grainState);
            await _inner.WriteStateAsync(stateName, grainId, attempt).WaitAsync(ct);
            return attempt;
        }, CancellationToken.None);
        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        var outcomeUnknown = false;
        var cleared = await _pipeline.ExecuteAsync("clear", Key(stateName, grainId), async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await ReadCopyAsync<T>(stateName, grainId, grainState.State, ct);
                if (!stored.RecordExists && expected is not null)
                {
                    return stored;
                }

                if (stored.ETag != expected)
                {
                    throw new InconsistentStateException(
                        $"Clear of state '{stateName}' of {grainId} had an unknown outcome and the record has since changed.",
                        stored.ETag, expected);
                }
            }

            outcomeUnknown = true;
            var attempt = Copy<T>(grainState);
            await _inner.ClearStateAsync(stateName, grainId, attempt).WaitAsync(ct);
            return attempt;
        }, CancellationToken.None);
        CopyInto(cleared, grainState);
    }

    public void Participate(ISiloLifecycle observer)
    {
        if (_inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }

    private static string Key(string stateName, GrainId grainId) => $"{grainId}#{stateName}";

    private async Task<IGrainState<T>> ReadCopyAsync<T>(string stateName, GrainId grainId, T? current, CancellationToken cancellationToken)
    {
        var copy = new GrainState<T>(current);
        await _inner.ReadStateAsync(stateName, grainId, copy).WaitAsync(cancellationToken);
        return copy;
    }

    private static GrainState<T> Copy<T>(IGrainState<T> grainState) =>
        new(grainState.State, grainState.ETag) { RecordExists = grainState.RecordExists };

    private static void CopyInto<T>(IGrainState<T> source, IGrainState<T> target)
    {
        target.State = source.State;
        target.ETag = source.ETag;
        target.RecordExists = source.RecordExists;
    }

    /// <summary>The decorator is what the container holds, so it disposes the provider it owns.</summary>
    public ValueTask DisposeAsync() => _inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
