using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Sqlite;
using Rlvr.Storage.Tests.Checkpoints;
using Rlvr.Storage.Tests.GrainStorage;
using Rlvr.Storage.Tests.Resilience;

namespace Rlvr.Storage.Tests.Sqlite;

/// <summary>A real busy SQLite file: another connection holds the write lock longer than the busy timeout.</summary>
public sealed class SqliteBusyRetryTests : IDisposable
{
    private const int SqliteBusyCode = 5;

    private static readonly GrainId Grain = GrainId.Create("campaign", "busy");

    private readonly TemporarySqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    private ResilientGrainStorage Storage(int maxRetryAttempts, ILogger<ResilientGrainStorage>? logger = null) =>
        new(new SqliteGrainStorage("busy", _file.Options(busyTimeout: TimeSpan.FromMilliseconds(100))), "busy (SQLite)",
            new StorageRetryOptions
            {
                MaxRetryAttempts = maxRetryAttempts,
                BaseDelay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(1),
            },
            logger ?? NullLogger<ResilientGrainStorage>.Instance);

    private static bool IsBusy(Exception? error) =>
        error is SqliteException e && (e.SqliteErrorCode & 0xFF) == SqliteBusyCode;

    private async Task<(SqliteConnection Holder, SqliteTransaction Lock, GrainState<CounterState> State)> LockedDatabaseAsync(ResilientGrainStorage storage)
    {
        var state = new GrainState<CounterState>(new CounterState { Step = 1 });
        await storage.WriteStateAsync("state", Grain, state);
        var holder = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        holder.Open();
        return (holder, holder.BeginTransaction(deferred: false), state);
    }

    [Fact]
    public async Task ABusyDatabaseIsRetriedUntilTheLockIsReleased()
    {
        var log = new RecordingLogger<ResilientGrainStorage>();
        // Retries that never run out: while the lock is held, only a busy error that is not retried can end the write.
        var storage = Storage(maxRetryAttempts: int.MaxValue, log);
        var (holder, writeLock, state) = await LockedDatabaseAsync(storage);

        state.State!.Step = 2;
        var write = storage.WriteStateAsync("state", Grain, state);
        // The retry decorator reports each busy attempt it retries: two of them, with the lock still held.
        var busyTwice = log.WhenLogged(e => e.Level == LogLevel.Warning && IsBusy(e.Error), count: 2);
        var first = await Task.WhenAny(busyTwice, write).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(first == busyTwice,
            write.IsFaulted ? write.Exception!.ToString() : "the write ended while the lock was held");
        writeLock.Dispose();
        holder.Dispose();

        await write.WaitAsync(TimeSpan.FromMinutes(1));
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("state", Grain, read);
        Assert.Equal((2, state.ETag), (read.State!.Step, read.ETag));
    }

    [Fact]
    public async Task ABusyDatabaseWithoutRetriesFailsNamingTheProviderAndKey()
    {
        var storage = Storage(maxRetryAttempts: 0);
        var (holder, writeLock, state) = await LockedDatabaseAsync(storage);
        var before = state.ETag;
        using (holder)
        using (writeLock)
        {
            var error = await Assert.ThrowsAsync<GrainStorageException>(() =>
                storage.WriteStateAsync("state", Grain, new GrainState<CounterState>(new CounterState { Step = 2 }, before)));
            Assert.Equal(SqliteBusyCode, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode & 0xFF);
            Assert.Contains($"{Grain}#state", error.Message, StringComparison.Ordinal);
            Assert.Contains("busy (SQLite)", error.Message, StringComparison.Ordinal);
        }

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("state", Grain, read);
        Assert.Equal((1, before), (read.State!.Step, read.ETag));
    }
}
