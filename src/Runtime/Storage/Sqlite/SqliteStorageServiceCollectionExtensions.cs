using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Storage.Resilience;

namespace Rlvr.Runtime.Storage.Sqlite;

/// <summary>Registers the SQLite grain storage and reminder table, each behind the retry decorator.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a SQLite grain storage as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>;
    /// its options are the named <see cref="SqliteStorageOptions"/> <paramref name="name"/>.
    /// </summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteStorageOptions> configure) =>
        services.AddResilientGrainStorage(name, configure, "SQLite", options => new SqliteGrainStorage(options), options => options.Retry);

    /// <summary>Registers the SQLite reminder table as the <see cref="Reminders.IReminderTable"/>; its options are the unnamed <see cref="SqliteStorageOptions"/>.</summary>
    public static IServiceCollection AddSqliteReminderTable(this IServiceCollection services, Action<SqliteStorageOptions> configure) =>
        services.AddResilientReminderTable(configure, "SQLite", options => new SqliteReminderTable(options), options => options.Retry);
}
