using Microsoft.Extensions.Logging;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Storage.Resilience;

/// <summary>
/// Retries an <see cref="IReminderTable"/>'s transient failures. Upserts are idempotent and simply repeated;
/// a remove whose attempt failed is re-read first: gone means it took effect, a different ETag means it lost.
/// The decorator owns the inner provider and disposes it.
/// </summary>
public sealed class ResilientReminderTable : IReminderTable, IAsyncDisposable
{
    private readonly IReminderTable _inner;
    private readonly StorageRetryPipeline _pipeline;

    public ResilientReminderTable(IReminderTable inner, string providerName, StorageRetryOptions options, ILogger<ResilientReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _pipeline = new StorageRetryPipeline(providerName, options, logger);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("read all reminders", "*", ct => new ValueTask<IReadOnlyList<ReminderEntry>>(_inner.ReadAllAsync(ct)), cancellationToken);

    public Task<ReminderEntry?> ReadAsync(GrainId grain, string name, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("read reminder", $"{grain}#{name}", ct => new ValueTask<ReminderEntry?>(_inner.ReadAsync(grain, name, ct)), cancellationToken);

    public Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _pipeline.ExecuteAsync("upsert reminder", $"{entry.Grain}#{entry.Name}", ct => new ValueTask<string>(_inner.UpsertAsync(entry, ct)), cancellationToken);
    }

    public Task<bool> RemoveAsync(GrainId grain, string name, string eTag, CancellationToken cancellationToken = default)
    {
        var outcomeUnknown = false;
        return _pipeline.ExecuteAsync("remove reminder", $"{grain}#{name}", async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await _inner.ReadAsync(grain, name, ct);
                if (stored is null || stored.ETag != eTag)
                {
                    return stored is null;
                }
            }

            outcomeUnknown = true;
            return await _inner.RemoveAsync(grain, name, eTag, ct);
        }, cancellationToken);
    }

    public ValueTask DisposeAsync() => _inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
