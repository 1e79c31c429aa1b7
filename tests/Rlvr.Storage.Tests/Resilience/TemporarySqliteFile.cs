using Microsoft.Data.Sqlite;
using Rlvr.Storage.Sqlite;

namespace Rlvr.Storage.Tests.Resilience;

/// <summary>A SQLite database file in a temporary directory, deleted with it.</summary>
internal sealed class TemporarySqliteFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "grains.db");

    public SqliteStorageOptions Options(TimeSpan? busyTimeout = null) =>
        new() { DatabasePath = Path, BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
