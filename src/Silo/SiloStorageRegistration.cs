using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime;
using Rlvr.Runtime.Checkpoints;
using Rlvr.Runtime.Storage.Postgres;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Silo;

/// <summary>Registers the grain storage ("Default"), the reminder table and the checkpoint store the "Storage" section chooses.</summary>
internal static class SiloStorageRegistration
{
    public const string DatabaseFile = "rlvr.db";

    public static IServiceCollection AddSiloStorage(this IServiceCollection services, SiloStorageOptions options)
    {
        const string storage = PersistentStateAttribute.DefaultStorageName;
        Directory.CreateDirectory(options.DataDirectoryPath);
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                // Taken now; registered through a factory so that the container disposes it (and the lock goes) with the silo.
                var directoryLock = DataDirectoryLock.Acquire(options.DataDirectoryPath);
                services.AddSingleton(_ => directoryLock);
                var database = Path.Combine(options.DataDirectoryPath, DatabaseFile);
                services.AddSqliteGrainStorage(storage, sqlite => sqlite.DatabasePath = database);
                services.AddSqliteReminderTable(sqlite => sqlite.DatabasePath = database);
                break;
            case "POSTGRES":
                var connection = RequireConnectionString(options, "Storage:Provider");
                services.AddPostgresGrainStorage(storage, postgres => postgres.ConnectionString = connection);
                services.AddPostgresReminderTable(postgres => postgres.ConnectionString = connection);
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider is '{options.Provider}'; expected Sqlite or Postgres.");
        }
        switch (options.Checkpoints.ToUpperInvariant())
        {
            case "LOCAL":
                services.AddLocalCheckpointStore(Path.GetFullPath(options.CheckpointDirectory ?? Path.Combine(options.DataDirectoryPath, "checkpoints")));
                break;
            case "POSTGRES":
                services.AddPostgresCheckpointStore(RequireConnectionString(options, "Storage:Checkpoints"));
                break;
            default:
                throw new InvalidOperationException($"Storage:Checkpoints is '{options.Checkpoints}'; expected Local or Postgres.");
        }
        return services;
    }

    private static string RequireConnectionString(SiloStorageOptions options, string setting) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException($"Storage:ConnectionString is required when {setting} is Postgres.")
            : options.ConnectionString;
}
