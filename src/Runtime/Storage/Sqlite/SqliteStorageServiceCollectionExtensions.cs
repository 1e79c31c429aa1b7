using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage.Resilience;

namespace Rlvr.Runtime.Storage.Sqlite;

/// <summary>Registers the SQLite grain storage and reminder table, each behind the retry decorator.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a SQLite grain storage as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>;
    /// its options are the named <see cref="SqliteStorageOptions"/> <paramref name="name"/>.
    /// </summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteStorageOptions>(name).Configure(configure);
        return services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(name);
            return new ResilientGrainStorage(new SqliteGrainStorage(options), $"{name} (SQLite)", options.Retry,
                provider.GetService<ILogger<ResilientGrainStorage>>() ?? NullLogger<ResilientGrainStorage>.Instance);
        });
    }

    /// <summary>Registers the SQLite reminder table as the <see cref="IReminderTable"/>; its options are the unnamed <see cref="SqliteStorageOptions"/>.</summary>
    public static IServiceCollection AddSqliteReminderTable(this IServiceCollection services, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteStorageOptions>().Configure(configure);
        return services.AddSingleton<IReminderTable>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
            return new ResilientReminderTable(new SqliteReminderTable(options), "reminders (SQLite)", options.Retry,
                provider.GetService<ILogger<ResilientReminderTable>>() ?? NullLogger<ResilientReminderTable>.Instance);
        });
    }
}
