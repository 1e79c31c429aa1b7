using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Sqlite;

/// <summary>Where and how the SQLite grain storage and reminder table keep their data. Bindable from configuration.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; created, with its directory, when missing. Required.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>How long a statement waits for another connection's write lock before failing as busy.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public StorageRetryOptions Retry { get; set; } = new();
}
