using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Postgres;

/// <summary>The on-premises cluster's providers: grain state and reminders in PostgreSQL, each behind the retry decorator.</summary>
public static class PostgresSiloBuilderExtensions
{
    private const string Backend = "PostgreSQL";

    /// <summary>Adds grain storage named <paramref name="name"/> in the database of the Npgsql <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.AddResilientGrainStorage(name, Backend,
            (_, key) => new PostgresGrainStorage(key, new PostgresStorageOptions { ConnectionString = connectionString }));
    }

    /// <summary>Adds the reminder service with its table in the database of the Npgsql <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.UseResilientReminderTable(Backend,
            _ => new PostgresReminderTable(new PostgresStorageOptions { ConnectionString = connectionString }));
    }
}
