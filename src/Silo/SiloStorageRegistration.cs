using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime;
using Rlvr.Runtime.Storage.Postgres;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Silo;

/// <summary>Registers the grain storage ("Default") and the reminder table chosen by the "Storage" section.</summary>
internal static class SiloStorageRegistration
{
    public static IServiceCollection AddSiloStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloStorageOptions.Section).Get<SiloStorageOptions>() ?? new SiloStorageOptions();
        const string storage = PersistentStateAttribute.DefaultStorageName;
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                Directory.CreateDirectory(options.DataDirectory);
                var database = Path.GetFullPath(Path.Combine(options.DataDirectory, "silo.db"));
                services.AddSqliteGrainStorage(storage, sqlite => sqlite.DatabasePath = database);
                services.AddSqliteReminderTable(sqlite => sqlite.DatabasePath = database);
                break;
            case "POSTGRES":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is Postgres.");
                }
                services.AddPostgresGrainStorage(storage, postgres => postgres.ConnectionString = options.ConnectionString);
                services.AddPostgresReminderTable(postgres => postgres.ConnectionString = options.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider is '{options.Provider}'; expected Sqlite or Postgres.");
        }
        return services;
    }
}
