using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Rlvr.Storage.Sqlite;
using Rlvr.Storage.Tests.GrainStorage;
using Rlvr.Storage.Tests.Resilience;

namespace Rlvr.Storage.Tests.Sqlite;

/// <summary>Writes that queue while a transaction is open are committed together, each with its own outcome.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TemporarySqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    private static GrainId Grain(string key) => GrainId.Create("groupcommit", key);

    [Fact]
    public async Task WritesQueuedBehindAnOpenTransactionCommitTogetherAndOneThatFailsFailsAlone()
    {
        var storage = new SqliteGrainStorage("group", _file.Options());
        var stale = new GrainState<CounterState>(new CounterState { Step = 1 });
        await storage.WriteStateAsync("state", Grain("stale"), stale);
        var staleETag = stale.ETag;
        await storage.WriteStateAsync("state", Grain("stale"), stale);
        var current = stale.ETag;
        Assert.Equal(0, WalFrames("TRUNCATE"));

        var states = Enumerable.Range(0, 16).Select(i => new GrainState<CounterState>(new CounterState { Step = i })).ToArray();
        // A write of this process that holds the file's write gate inside its open transaction until released.
        var inTransaction = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new SqliteDatabase(_file.Options()).WriteAsync(async (connection, transaction) =>
        {
            inTransaction.SetResult();
            await release.Task;
            return await SqliteDatabase.NextETagAsync(connection, transaction, CancellationToken.None);
        }, CancellationToken.None);
        await inTransaction.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // These queue behind it (the gate is per file, shared by every instance over it).
        var writes = states.Select((state, i) => storage.WriteStateAsync("state", Grain($"k{i}"), state)).ToList();
        var conflicting = storage.WriteStateAsync(
            "state", Grain("stale"), new GrainState<CounterState>(new CounterState { Step = 3 }, staleETag));
        release.SetResult();
        await first.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        Assert.Equal(current, error.StoredEtag);

        // A commit per write would append at least its two pages (record and ETag sequence) to the WAL each: 34 frames or more.
        Assert.InRange(WalFrames("PASSIVE"), 1, 15);
        Assert.Equal(16, states.Select(s => s.ETag).Distinct().Count());
        for (var i = 0; i < states.Length; i++)
        {
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync("state", Grain($"k{i}"), read);
            Assert.Equal((i, states[i].ETag), (read.State!.Step, read.ETag));
        }

        var stored = new GrainState<CounterState>();
        await storage.ReadStateAsync("state", Grain("stale"), stored);
        Assert.Equal((1, current), (stored.State!.Step, stored.ETag));
    }

    /// <summary>Runs a WAL checkpoint in the given mode and returns the frames in the WAL.</summary>
    private long WalFrames(string mode)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(1);
    }
}
