using Orleans.Providers;
using Rlvr.Storage.Azure;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Logs;
using Rlvr.Storage.Postgres;
using Rlvr.Storage.Sqlite;

namespace Rlvr.Silo;

/// <summary>
/// Registers the grain storage ("Default"), the reminder table, the record logs (campaign histories: files under the
/// data directory beside SQLite, else in the same database or storage account) and the checkpoint store the "Storage"
/// section chooses.
/// </summary>
internal static class SiloStorageRegistration
{
    public const string DatabaseFile = "rlvr.db";

    /// <param name="serviceId">Orleans' service id, which keeps the record logs of services sharing a database apart.</param>
    /// <param name="clustered">
    /// One of a cluster: silos of one cluster on one machine may share a SQLite data directory (Orleans keeps one
    /// activation per grain); a silo alone locks its own.
    /// </param>
    public static ISiloBuilder AddSiloStorage(this ISiloBuilder silo, SiloStorageOptions options, string serviceId, bool clustered)
    {
        const string storage = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        Directory.CreateDirectory(options.DataDirectoryPath);
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                if (!clustered)
                {
                    // Taken now; registered through a factory so that the container disposes it (and the lock goes) with the silo.
                    var directoryLock = DataDirectoryLock.Acquire(options.DataDirectoryPath);
                    silo.Services.AddSingleton(_ => directoryLock);
                }
                var database = Path.Combine(options.DataDirectoryPath, DatabaseFile);
                silo.AddSqliteGrainStorage(storage, database);
                silo.UseSqliteReminderService(database);
                silo.Services.AddLocalRecordLogStore(options.DataDirectoryPath);
                break;
            case "POSTGRES":
                var postgres = RequireConnectionString(options, "Storage:Provider", "Postgres");
                silo.AddPostgresGrainStorage(storage, postgres);
                silo.UsePostgresReminderService(postgres);
                silo.Services.AddPostgresRecordLogStore(postgres, serviceId);
                break;
            case "AZURE":
                var azure = RequireConnectionString(options, "Storage:Provider", "Azure");
                silo.AddAzureGrainStorage(storage, azure);
                silo.UseAzureReminderService(azure);
                silo.Services.AddAzureTableRecordLogStore(azure, serviceId);
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider is '{options.Provider}'; expected Sqlite, Postgres or Azure.");
        }
        return silo;
    }

    /// <summary>
    /// The checkpoint store the "Storage" section chooses. Registered before the Orleans silo, so that its start-up
    /// check runs first: a store that cannot be reached stops the host with an error naming it, before the silo's own
    /// providers retry against the same account.
    /// </summary>
    public static IServiceCollection AddSiloCheckpoints(this IServiceCollection services, SiloStorageOptions options)
    {
        switch (options.Checkpoints.ToUpperInvariant())
        {
            case "LOCAL":
                services.AddLocalCheckpointStore(
                    Path.GetFullPath(options.CheckpointDirectory ?? Path.Combine(options.DataDirectoryPath, "checkpoints")));
                break;
            case "POSTGRES":
                services.AddPostgresCheckpointStore(RequireConnectionString(options, "Storage:Checkpoints", "Postgres"));
                break;
            case "AZURE":
                services.AddAzureBlobCheckpointStore(
                    RequireConnectionString(options, "Storage:Checkpoints", "Azure"), options.CheckpointContainer);
                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Checkpoints is '{options.Checkpoints}'; expected Local, Postgres or Azure.");
        }
        return services;
    }

    private static string RequireConnectionString(SiloStorageOptions options, string setting, string backend) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException($"Storage:ConnectionString is required when {setting} is {backend}.")
            : options.ConnectionString;
}
