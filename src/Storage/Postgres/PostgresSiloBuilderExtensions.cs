using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Postgres;

/// <summary>PostgreSQL as a silo's grain storage and reminder table, shared by the silos of a cluster.</summary>
public static class PostgresSiloBuilderExtensions
{
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = new PostgresStorageOptions { ConnectionString = connectionString };
        silo.Services.AddGrainStorage(name, (services, _) => new JsonGrainStorage(new ResilientGrainStateStore(
            new PostgresGrainStateStore(options), $"grain storage '{name}' (PostgreSQL)", options.Retry,
            services.GetRequiredService<ILogger<ResilientGrainStateStore>>())));
        return silo;
    }

    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(services => new PostgresReminderTable(
            new PostgresStorageOptions { ConnectionString = connectionString }, services.GetRequiredService<ILogger<PostgresReminderTable>>()));
        return silo;
    }
}
