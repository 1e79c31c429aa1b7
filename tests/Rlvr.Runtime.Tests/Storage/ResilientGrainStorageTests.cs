using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.Resilience;

namespace Rlvr.Runtime.Tests.Storage;

public sealed class ResilientGrainStorageTests
{
    private static readonly GrainStateKey Key = new(new GrainId("CampaignGrain", "c-1"), "state");

    private static readonly StorageRetryOptions FastRetries = new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private static ResilientGrainStorage Wrap(IGrainStorage inner, StorageRetryOptions? options = null) =>
        new(inner, "faulty", options ?? FastRetries, NullLogger<ResilientGrainStorage>.Instance);

    [Fact]
    public async Task TransientFailuresAreRetriedUntilTheWriteSucceeds()
    {
        var faulty = new FaultInjectingGrainStorage { FailuresBeforeWrite = 3, Failure = () => new SqliteException("database is locked", 5) };
        var eTag = await Wrap(faulty).WriteAsync(Key, "v1", null);

        Assert.Equal(4, faulty.WriteAttempts);
        Assert.Equal(new GrainStateRecord("v1", eTag), await faulty.Inner.ReadAsync(Key));
    }

    [Fact]
    public async Task AWriteThatCommittedButTimedOutIsReReadNotRepeated()
    {
        var faulty = new FaultInjectingGrainStorage();
        var storage = Wrap(faulty);
        var first = await storage.WriteAsync(Key, "v1", null);
        faulty.TimeoutsAfterCommit = 1;

        var second = await storage.WriteAsync(Key, "v2", first);

        Assert.Equal(2, faulty.CommittedWrites);
        Assert.Equal(2, faulty.WriteAttempts);
        Assert.Equal(new GrainStateRecord("v2", second), await faulty.Inner.ReadAsync(Key));
        await storage.WriteAsync(Key, "v3", second);
    }

    [Fact]
    public async Task AFirstInsertThatCommittedButTimedOutIsReReadNotRepeated()
    {
        var faulty = new FaultInjectingGrainStorage { TimeoutsAfterCommit = 1 };
        var eTag = await Wrap(faulty).WriteAsync(Key, "v1", null);

        Assert.Equal(1, faulty.CommittedWrites);
        Assert.Equal(new GrainStateRecord("v1", eTag), await faulty.Inner.ReadAsync(Key));
    }

    [Fact]
    public async Task AnUnknownOutcomeFollowedByAnotherWriterIsAConflict()
    {
        var faulty = new FaultInjectingGrainStorage();
        var storage = Wrap(faulty);
        var first = await storage.WriteAsync(Key, "v1", null);
        faulty.FailuresBeforeWrite = 1;
        faulty.Failure = () =>
        {
            // Another silo writes while our attempt's outcome is unknown.
            faulty.Inner.WriteAsync(Key, "theirs", first).GetAwaiter().GetResult();
            return new TimeoutException("injected");
        };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key, "ours", first));
        Assert.Equal("theirs", (await faulty.Inner.ReadAsync(Key))!.Json);
    }

    [Fact]
    public async Task AClearThatCommittedButTimedOutSucceeds()
    {
        var faulty = new FaultInjectingGrainStorage();
        var storage = Wrap(faulty);
        var eTag = await storage.WriteAsync(Key, "v1", null);
        faulty.TimeoutsAfterCommit = 1;

        await storage.ClearAsync(Key, eTag);

        Assert.Null(await faulty.Inner.ReadAsync(Key));
        Assert.Equal(2, faulty.CommittedWrites);
    }

    [Fact]
    public async Task PermanentlyRefusedWritesFailNamingProviderOperationAndKeyAndKeepTheOldState()
    {
        var faulty = new FaultInjectingGrainStorage();
        var storage = Wrap(faulty);
        var eTag = await storage.WriteAsync(Key, "good", null);
        faulty.RefuseWrites = true;

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.WriteAsync(Key, "lost", eTag));

        Assert.Equal(("faulty", "write", Key.ToString(), FastRetries.MaxRetryAttempts + 1), (error.ProviderName, error.Operation, error.Key, error.Attempts));
        Assert.Contains("faulty", error.Message, StringComparison.Ordinal);
        Assert.Contains(Key.ToString(), error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(1 + FastRetries.MaxRetryAttempts + 1, faulty.WriteAttempts);
        Assert.Equal(new GrainStateRecord("good", eTag), await faulty.Inner.ReadAsync(Key));
    }

    [Fact]
    public async Task ConflictsAreNeverRetried()
    {
        var faulty = new FaultInjectingGrainStorage();
        var storage = Wrap(faulty);
        await storage.WriteAsync(Key, "v1", null);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key, "v2", null));
        Assert.Equal(2, faulty.WriteAttempts);
    }

    [Fact]
    public async Task NonTransientFailuresAreNotRetriedButStillNamed()
    {
        var faulty = new FaultInjectingGrainStorage { RefuseWrites = true, Failure = () => new SqliteException("disk I/O error", 10) };

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => Wrap(faulty).WriteAsync(Key, "v1", null));

        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, faulty.WriteAttempts);
    }

    [Fact]
    public async Task AnAttemptThatHangsIsAbandonedAfterTheAttemptTimeout()
    {
        var hanging = new HangingGrainStorage();
        var options = new StorageRetryOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromMilliseconds(50) };

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => Wrap(hanging, options).ReadAsync(Key));

        Assert.Equal(2, error.Attempts);
        Assert.Equal(2, hanging.Calls);
    }

    [Fact]
    public async Task CancellationByTheCallerIsNotWrappedOrRetried()
    {
        var hanging = new HangingGrainStorage();
        using var cancellation = new CancellationTokenSource();

        // Cancel only once the attempt runs: a timed cancellation can fire before a loaded machine starts it.
        var read = Wrap(hanging).ReadAsync(Key, cancellation.Token);
        await hanging.Started.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(1, hanging.Calls);
    }

    private sealed class HangingGrainStorage : IGrainStorage
    {
        public int Calls { get; private set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
        {
            Calls++;
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }

        public Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");
    }
}
