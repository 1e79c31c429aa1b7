using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Sqlite;

/// <summary>The embedded default: grain state and reminders in one SQLite file, each behind the retry decorator.</summary>
public static class SqliteSiloBuilderExtensions
{
    private const string Backend = "SQLite";

    /// <summary>Adds grain storage named <paramref name="name"/> in the SQLite file <paramref name="databasePath"/> (created when missing).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return silo.AddResilientGrainStorage(name, Backend,
            (_, key) => new SqliteGrainStorage(key, new SqliteStorageOptions { DatabasePath = databasePath }));
    }

    /// <summary>Adds the reminder service with its table in the SQLite file <paramref name="databasePath"/> (created when missing).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder silo, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return silo.UseResilientReminderTable(Backend,
            _ => new SqliteReminderTable(new SqliteStorageOptions { DatabasePath = databasePath }));
    }
}
