using Microsoft.Extensions.Logging;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Checkpoints;

/// <summary>
/// Retries a checkpoint store's transient failures with backoff. A put whose attempt failed may still have landed, so
/// before trying again the stored bytes are re-read: if they are ours, that is the result, otherwise the put is repeated
/// (puts replace, so repeating one is safe). Deletes are idempotent and simply repeated.
/// </summary>
public sealed class ResilientCheckpointStore : ICheckpointStore
{
    private readonly ICheckpointStore _inner;
    private readonly StorageRetryPipeline _pipeline;

    public ResilientCheckpointStore(ICheckpointStore inner, string providerName, StorageRetryOptions options, ILogger<ResilientCheckpointStore> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _pipeline = new StorageRetryPipeline(providerName, options, logger);
    }

    public Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Put($"{owner}/{sequence}/{name}", data,
            (bytes, ct) => _inner.PutBlobAsync(owner, sequence, name, bytes, ct),
            ct => _inner.GetBlobAsync(owner, sequence, name, ct), cancellationToken);

    public Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("read checkpoint blob", $"{owner}/{sequence}/{name}",
            ct => new ValueTask<byte[]?>(_inner.GetBlobAsync(owner, sequence, name, ct)), cancellationToken);

    public Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default) =>
        Put($"{owner}/{sequence}/manifest", manifest,
            (bytes, ct) => _inner.PutManifestAsync(owner, sequence, bytes, ct),
            ct => _inner.GetManifestAsync(owner, sequence, ct), cancellationToken);

    public Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("read checkpoint manifest", $"{owner}/{sequence}",
            ct => new ValueTask<byte[]?>(_inner.GetManifestAsync(owner, sequence, ct)), cancellationToken);

    public Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("list checkpoints", owner, ct => new ValueTask<IReadOnlyList<long>>(_inner.ListAsync(owner, ct)), cancellationToken);

    public Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("delete checkpoint", $"{owner}/{sequence}", async ct =>
        {
            await _inner.DeleteAsync(owner, sequence, ct);
            return true;
        }, cancellationToken);

    private Task<bool> Put(string key, ReadOnlyMemory<byte> data, Func<ReadOnlyMemory<byte>, CancellationToken, Task> put,
        Func<CancellationToken, Task<byte[]?>> read, CancellationToken cancellationToken)
    {
        var outcomeUnknown = false;
        return _pipeline.ExecuteAsync("write checkpoint", key, async ct =>
        {
            if (outcomeUnknown && await read(ct) is { } stored && stored.AsSpan().SequenceEqual(data.Span))
            {
                return true;
            }
            outcomeUnknown = true;
            await put(data, ct);
            return true;
        }, cancellationToken);
    }
}
