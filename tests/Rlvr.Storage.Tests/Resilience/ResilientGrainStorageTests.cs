using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Sqlite;
using Rlvr.Storage.Tests.GrainStorage;

namespace Rlvr.Storage.Tests.Resilience;

/// <summary>The retry decorator over a real SQLite grain storage with faults injected in between.</summary>
public sealed class ResilientGrainStorageTests : IDisposable
{
    private const string StateName = "state";

    private static readonly GrainId Grain = GrainId.Create("campaign", "c-1");

    private static readonly StorageRetryOptions FastRetries = new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly TemporarySqliteFile _file = new();
    private readonly FaultInjectingGrainStorage _faulty;

    public ResilientGrainStorageTests() => _faulty = new FaultInjectingGrainStorage(new SqliteGrainStorage("faulty", _file.Options()));

    public void Dispose() => _file.Dispose();

    private static ResilientGrainStorage Wrap(IGrainStorage inner, StorageRetryOptions? options = null) =>
        new(inner, "faulty", options ?? FastRetries, NullLogger<ResilientGrainStorage>.Instance);

    private async Task<GrainState<CounterState>> StoredAsync()
    {
        var state = new GrainState<CounterState>();
        await _faulty.Inner.ReadStateAsync(StateName, Grain, state);
        return state;
    }

    private static GrainState<CounterState> State(int step, string? eTag) => new(new CounterState { Step = step }, eTag);

    [Fact]
    public async Task TransientFailuresAreRetriedUntilTheWriteSucceeds()
    {
        _faulty.FailuresBeforeWrite = 3;
        _faulty.Failure = () => new SqliteException("database is locked", 5);
        var state = State(1, null);

        await Wrap(_faulty).WriteStateAsync(StateName, Grain, state);

        Assert.Equal(4, _faulty.WriteAttempts);
        var stored = await StoredAsync();
        Assert.Equal((1, state.ETag), (stored.State!.Step, stored.ETag));
    }

    [Fact]
    public async Task AWriteThatCommittedButTimedOutIsReReadNotRepeated()
    {
        var storage = Wrap(_faulty);
        var state = State(1, null);
        await storage.WriteStateAsync(StateName, Grain, state);
        var first = state.ETag;
        _faulty.TimeoutsAfterCommit = 1;

        state.State!.Step = 2;
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal((2, 2), (_faulty.CommittedWrites, _faulty.WriteAttempts));
        Assert.NotEqual(first, state.ETag);
        var stored = await StoredAsync();
        Assert.Equal((2, state.ETag), (stored.State!.Step, stored.ETag));
        state.State.Step = 3;
        await storage.WriteStateAsync(StateName, Grain, state);
    }

    [Fact]
    public async Task AFirstInsertThatCommittedButTimedOutIsReReadNotRepeated()
    {
        _faulty.TimeoutsAfterCommit = 1;
        var state = State(1, null);

        await Wrap(_faulty).WriteStateAsync(StateName, Grain, state);

        Assert.Equal(1, _faulty.CommittedWrites);
        Assert.Equal(state.ETag, (await StoredAsync()).ETag);
    }

    [Fact]
    public async Task AnUnknownOutcomeFollowedByAnotherWriterIsAConflict()
    {
        var storage = Wrap(_faulty);
        var ours = State(1, null);
        await storage.WriteStateAsync(StateName, Grain, ours);
        var theirs = State(100, ours.ETag);
        _faulty.FailuresBeforeWrite = 1;
        _faulty.Failure = () =>
        {
            // Another silo writes while our attempt's outcome is unknown.
            _faulty.Inner.WriteStateAsync(StateName, Grain, theirs).GetAwaiter().GetResult();
            return new TimeoutException("injected");
        };

        ours.State!.Step = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, ours));

        Assert.Equal(100, (await StoredAsync()).State!.Step);
    }

    [Fact]
    public async Task AClearThatCommittedButTimedOutSucceeds()
    {
        var storage = Wrap(_faulty);
        var state = State(1, null);
        await storage.WriteStateAsync(StateName, Grain, state);
        _faulty.TimeoutsAfterCommit = 1;

        await storage.ClearStateAsync(StateName, Grain, state);

        Assert.Equal((false, null), (state.RecordExists, state.ETag));
        Assert.False((await StoredAsync()).RecordExists);
        Assert.Equal(2, _faulty.CommittedWrites);
    }

    [Fact]
    public async Task PermanentlyRefusedWritesFailNamingProviderOperationAndKeyAndKeepTheOldState()
    {
        var storage = Wrap(_faulty);
        var state = State(1, null);
        await storage.WriteStateAsync(StateName, Grain, state);
        var good = state.ETag;
        _faulty.RefuseWrites = true;

        state.State!.Step = 2;
        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.WriteStateAsync(StateName, Grain, state));

        var key = $"{Grain}#{StateName}";
        Assert.Equal(("faulty", "write", key, FastRetries.MaxRetryAttempts + 1), (error.ProviderName, error.Operation, error.Key, error.Attempts));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(good, state.ETag);
        var stored = await StoredAsync();
        Assert.Equal((1, good), (stored.State!.Step, stored.ETag));
    }

    [Fact]
    public async Task ConflictsAreNeverRetried()
    {
        var storage = Wrap(_faulty);
        await storage.WriteStateAsync(StateName, Grain, State(1, null));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, State(2, null)));
        Assert.Equal(2, _faulty.WriteAttempts);
    }

    [Fact]
    public async Task NonTransientFailuresAreNotRetriedButStillNamed()
    {
        _faulty.RefuseWrites = true;
        _faulty.Failure = () => new SqliteException("disk I/O error", 10);

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => Wrap(_faulty).WriteStateAsync(StateName, Grain, State(1, null)));

        Assert.Equal((1, 1), (error.Attempts, _faulty.WriteAttempts));
    }

    [Fact]
    public async Task AnAttemptThatHangsIsAbandonedAfterTheAttemptTimeout()
    {
        var hanging = new HangingGrainStorage();
        var options = new StorageRetryOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromMilliseconds(50) };

        var error = await Assert.ThrowsAsync<GrainStorageException>(() =>
            Wrap(hanging, options).ReadStateAsync(StateName, Grain, new GrainState<CounterState>()));

        Assert.Equal((2, 2), (error.Attempts, hanging.Calls));
    }

    /// <summary>Never answers, as a database behind a dead connection may not.</summary>
    private sealed class HangingGrainStorage : IGrainStorage
    {
        public int Calls { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Calls++;
            return new TaskCompletionSource().Task;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new InvalidOperationException("not used");

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new InvalidOperationException("not used");
    }
}
