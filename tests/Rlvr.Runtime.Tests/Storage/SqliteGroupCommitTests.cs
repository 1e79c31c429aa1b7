using Microsoft.Data.Sqlite;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>Writes that queue while a transaction is open are committed together, each with its own outcome.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-sqlite-group-").FullName;

    private string DatabasePath => Path.Combine(_directory, "grains.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task WritesQueuedBehindAnOpenTransactionCommitTogetherAndOneThatFailsFailsAlone()
    {
        var storage = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = DatabasePath, BusyTimeout = TimeSpan.FromSeconds(30) });
        var staleETag = await storage.WriteAsync(Key("stale"), "v1", null);
        var current = await storage.WriteAsync(Key("stale"), "v2", staleETag);
        Assert.Equal(0, WalFrames("TRUNCATE"));

        string[] eTags;
        using (var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            holder.Open();
            var writeLock = holder.BeginTransaction(deferred: false);
            // The first write holds the gate while it waits for the lock (SQLite waits synchronously: off this thread);
            // the others queue behind it.
            var first = Task.Run(() => storage.WriteAsync(Key("first"), "first", null));
            await Task.Delay(200);
            var writes = Enumerable.Range(0, 16).Select(i => storage.WriteAsync(Key($"k{i}"), $"v{i}", null)).ToList();
            var conflicting = storage.WriteAsync(Key("stale"), "v3", staleETag);
            using var cancellation = new CancellationTokenSource();
            var canceled = storage.WriteAsync(Key("canceled"), "never", null, cancellation.Token);
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
            Assert.False(first.IsCompleted);

            writeLock.Dispose();
            await first;
            eTags = await Task.WhenAll(writes);
            var error = await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
            Assert.Equal(current, error.StoredETag);
        }

        // A commit per write would append at least its two pages (record and ETag sequence) to the WAL each: 34 frames or more.
        Assert.InRange(WalFrames("PASSIVE"), 1, 15);
        Assert.Equal(16, eTags.Distinct().Count());
        for (var i = 0; i < eTags.Length; i++)
        {
            Assert.Equal(new GrainStateRecord($"v{i}", eTags[i]), await storage.ReadAsync(Key($"k{i}")));
        }
        Assert.Equal(new GrainStateRecord("v2", current), await storage.ReadAsync(Key("stale")));
        Assert.Null(await storage.ReadAsync(Key("canceled")));
    }

    /// <summary>Runs a WAL checkpoint in the given mode and returns the frames in the WAL.</summary>
    private long WalFrames(string mode)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(1);
    }

    private static GrainStateKey Key(string key) => new(new GrainId("GroupCommit", key), "state");
}
