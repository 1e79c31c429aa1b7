using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Logs;

/// <summary>Registers the silo's record-log store behind the retry decorator.</summary>
public static class RecordLogServiceCollectionExtensions
{
    /// <summary>Logs as files of lines under <paramref name="root"/> (one silo's).</summary>
    public static IServiceCollection AddLocalRecordLogStore(this IServiceCollection services, string root, StorageRetryOptions? retry = null) =>
        services.AddRecordLogStore("local directory", _ => new LocalRecordLogStore(root), retry);

    /// <summary>
    /// Logs in PostgreSQL (table rlvr_record_logs, created if absent), kept apart by <paramref name="scope"/> (the
    /// service id); the container disposes its connection pool.
    /// </summary>
    public static IServiceCollection AddPostgresRecordLogStore(
        this IServiceCollection services, string connectionString, string scope, StorageRetryOptions? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ => new PostgresRecordLogStore(connectionString, scope));
        return services.AddRecordLogStore("PostgreSQL", provider => provider.GetRequiredService<PostgresRecordLogStore>(), retry);
    }

    /// <summary>Logs in the Azure Storage table <paramref name="table"/> (created if absent), kept apart by <paramref name="scope"/> (the service id).</summary>
    public static IServiceCollection AddAzureTableRecordLogStore(
        this IServiceCollection services, string connectionString, string scope, string table = "rlvrlogs", StorageRetryOptions? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddRecordLogStore("Azure Table", _ => new AzureTableRecordLogStore(connectionString, scope, table), retry);
    }

    /// <summary>Logs in any store (a fault-injecting one in tests, say), behind retries.</summary>
    public static IServiceCollection AddRecordLogStore(
        this IServiceCollection services, string label, Func<IServiceProvider, IRecordLogStore> create, StorageRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        return services.AddSingleton<IRecordLogStore>(provider => new ResilientRecordLogStore(create(provider), $"record logs ({label})",
            retry ?? new StorageRetryOptions(),
            provider.GetService<ILogger<ResilientRecordLogStore>>() ?? NullLogger<ResilientRecordLogStore>.Instance));
    }
}
