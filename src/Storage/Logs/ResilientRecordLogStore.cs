using Microsoft.Extensions.Logging;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Logs;

/// <summary>
/// Retries a record-log store's transient failures with backoff. Every operation may simply be repeated: an append at
/// a position replaces what a landed attempt wrote there, and reads, truncations and deletions change nothing twice.
/// </summary>
public sealed class ResilientRecordLogStore(IRecordLogStore inner, string providerName, StorageRetryOptions options, ILogger<ResilientRecordLogStore> logger)
    : IRecordLogStore
{
    private readonly StorageRetryPipeline _pipeline = new(providerName, options, logger);

    public Task AppendAsync(string owner, string log, long position, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("append to log", $"{owner}/{log}/{position}", async ct =>
        {
            await inner.AppendAsync(owner, log, position, record, ct);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<byte[]>> ReadAsync(string owner, string log, long from, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("read log", $"{owner}/{log}",
            ct => new ValueTask<IReadOnlyList<byte[]>>(inner.ReadAsync(owner, log, from, ct)), cancellationToken);

    public Task TruncateAsync(string owner, string log, long length, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("truncate log", $"{owner}/{log}", async ct =>
        {
            await inner.TruncateAsync(owner, log, length, ct);
            return true;
        }, cancellationToken);

    public Task DeleteAsync(string owner, string log, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("delete log", $"{owner}/{log}", async ct =>
        {
            await inner.DeleteAsync(owner, log, ct);
            return true;
        }, cancellationToken);
}
