using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Sqlite;

/// <summary>SQLite as a silo's grain storage and reminder table: one file (WAL), the embedded default.</summary>
public static class SqliteSiloBuilderExtensions
{
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = new SqliteStorageOptions { DatabasePath = databasePath };
        silo.Services.AddGrainStorage(name, (services, _) => new JsonGrainStorage(new ResilientGrainStateStore(
            new SqliteGrainStateStore(options), $"grain storage '{name}' (SQLite {databasePath})", options.Retry,
            services.GetRequiredService<ILogger<ResilientGrainStateStore>>())));
        return silo;
    }

    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder silo, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(services => new SqliteReminderTable(
            new SqliteStorageOptions { DatabasePath = databasePath }, services.GetRequiredService<ILogger<SqliteReminderTable>>()));
        return silo;
    }
}
