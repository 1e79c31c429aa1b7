using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Postgres;

/// <summary>Which PostgreSQL database the grain storage and reminder table use. Bindable from configuration.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Npgsql connection string (Host, Port, Database, Username, ...). Required.</summary>
    public string ConnectionString { get; set; } = "";

    public StorageRetryOptions Retry { get; set; } = new();
}
