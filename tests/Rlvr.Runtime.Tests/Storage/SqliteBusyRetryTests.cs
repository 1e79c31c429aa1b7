using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.Resilience;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>A real busy SQLite file: another connection holds the write lock longer than the busy timeout.</summary>
public sealed class SqliteBusyRetryTests : IDisposable
{
    private static readonly GrainStateKey Key = new(new GrainId("CampaignGrain", "busy"), "state");

    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-sqlite-busy-").FullName;

    private string DatabasePath => Path.Combine(_directory, "grains.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private ServiceProvider Services(int maxRetryAttempts) => new ServiceCollection()
        .AddSqliteGrainStorage("busy", o =>
        {
            o.DatabasePath = DatabasePath;
            o.BusyTimeout = TimeSpan.FromMilliseconds(100);
            o.Retry.MaxRetryAttempts = maxRetryAttempts;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(200);
        })
        .BuildServiceProvider();

    private async Task<(SqliteConnection Holder, SqliteTransaction Lock, string ETag)> LockedDatabaseAsync(IGrainStorage storage)
    {
        var eTag = await storage.WriteAsync(Key, "before", null);
        var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        holder.Open();
        return (holder, holder.BeginTransaction(deferred: false), eTag);
    }

    [Fact]
    public async Task ABusyDatabaseIsRetriedUntilTheLockIsReleased()
    {
        await using var services = Services(maxRetryAttempts: 5);
        var storage = services.GetRequiredKeyedService<IGrainStorage>("busy");
        var (holder, writeLock, eTag) = await LockedDatabaseAsync(storage);

        var write = storage.WriteAsync(Key, "after", eTag);
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        Assert.False(write.IsCompleted);
        writeLock.Dispose();
        holder.Dispose();

        var next = await write;
        Assert.Equal(new GrainStateRecord("after", next), await storage.ReadAsync(Key));
    }

    [Fact]
    public async Task ABusyDatabaseWithoutRetriesFailsNamingTheKey()
    {
        await using var services = Services(maxRetryAttempts: 0);
        var storage = services.GetRequiredKeyedService<IGrainStorage>("busy");
        var (holder, writeLock, eTag) = await LockedDatabaseAsync(storage);
        using (holder)
        using (writeLock)
        {
            var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.WriteAsync(Key, "after", eTag));
            Assert.Equal(SqliteBusyCode, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode & 0xFF);
            Assert.Contains(Key.ToString(), error.Message, StringComparison.Ordinal);
            Assert.Contains("busy (SQLite)", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new GrainStateRecord("before", eTag), await storage.ReadAsync(Key));
    }

    private const int SqliteBusyCode = 5;
}
