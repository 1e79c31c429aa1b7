using Microsoft.Extensions.Logging;

namespace Rlvr.Storage.Resilience;

/// <summary>
/// Retries an Orleans <see cref="IReminderTable"/>'s transient failures with backoff. Upserts replace the row, so one
/// with an unknown outcome is simply repeated; a remove whose attempt failed is re-read first: a row gone means it took
/// effect, a row with another ETag means it lost.
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

    /// <summary>The table this one retries.</summary>
    public IReminderTable Inner => _inner;

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync("start", "reminder table", async ct =>
        {
            await _inner.StartAsync(ct);
            return true;
        }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        _pipeline.ExecuteAsync("read reminders", grainId.ToString(),
            ct => new ValueTask<ReminderTableData>(_inner.ReadRows(grainId, ct).WaitAsync(ct)), CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        _pipeline.ExecuteAsync("read reminders", $"range ({begin}, {end}]",
            ct => new ValueTask<ReminderTableData>(_inner.ReadRows(begin, end, ct).WaitAsync(ct)), CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        _pipeline.ExecuteAsync("read reminder", Key(grainId, reminderName),
            ct => new ValueTask<ReminderEntry?>(_inner.ReadRow(grainId, reminderName, ct).WaitAsync(ct)), CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _pipeline.ExecuteAsync("upsert reminder", Key(entry.GrainId, entry.ReminderName),
            ct => new ValueTask<string?>(_inner.UpsertRow(entry, ct).WaitAsync(ct)), CancellationToken.None);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var outcomeUnknown = false;
        return _pipeline.ExecuteAsync("remove reminder", Key(grainId, reminderName), async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await _inner.ReadRow(grainId, reminderName, ct).WaitAsync(ct);
                if (stored is null || stored.ETag != eTag)
                {
                    return stored is null;
                }
            }

            outcomeUnknown = true;
            return await _inner.RemoveRow(grainId, reminderName, eTag, ct).WaitAsync(ct);
        }, CancellationToken.None);
    }

    public Task TestOnlyClearTable() => _inner.TestOnlyClearTable();

    private static string Key(GrainId grainId, string reminderName) => $"{grainId}#{reminderName}";

    /// <summary>The decorator is what the container holds, so it disposes the provider it owns.</summary>
    public ValueTask DisposeAsync() => _inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
