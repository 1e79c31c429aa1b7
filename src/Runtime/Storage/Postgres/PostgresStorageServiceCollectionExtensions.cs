using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Storage.Resilience;

namespace Rlvr.Runtime.Storage.Postgres;

/// <summary>Registers the PostgreSQL grain storage and reminder table, each behind the retry decorator.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a PostgreSQL grain storage as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>;
    /// its options are the named <see cref="PostgresStorageOptions"/> <paramref name="name"/>.
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresStorageOptions> configure) =>
        services.AddResilientGrainStorage(name, configure, "PostgreSQL", options => new PostgresGrainStorage(options), options => options.Retry);

    /// <summary>Registers the PostgreSQL reminder table as the <see cref="Reminders.IReminderTable"/>; its options are the unnamed <see cref="PostgresStorageOptions"/>.</summary>
    public static IServiceCollection AddPostgresReminderTable(this IServiceCollection services, Action<PostgresStorageOptions> configure) =>
        services.AddResilientReminderTable(configure, "PostgreSQL", options => new PostgresReminderTable(options), options => options.Retry);
}
