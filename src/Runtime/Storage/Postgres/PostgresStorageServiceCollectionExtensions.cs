using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage.Resilience;

namespace Rlvr.Runtime.Storage.Postgres;

/// <summary>Registers the PostgreSQL grain storage and reminder table, each behind the retry decorator.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a PostgreSQL grain storage as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>;
    /// its options are the named <see cref="PostgresStorageOptions"/> <paramref name="name"/>.
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresStorageOptions>(name).Configure(configure);
        return services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get(name);
            return new ResilientGrainStorage(new PostgresGrainStorage(options), $"{name} (PostgreSQL)", options.Retry,
                provider.GetService<ILogger<ResilientGrainStorage>>() ?? NullLogger<ResilientGrainStorage>.Instance);
        });
    }

    /// <summary>Registers the PostgreSQL reminder table as the <see cref="IReminderTable"/>; its options are the unnamed <see cref="PostgresStorageOptions"/>.</summary>
    public static IServiceCollection AddPostgresReminderTable(this IServiceCollection services, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresStorageOptions>().Configure(configure);
        return services.AddSingleton<IReminderTable>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PostgresStorageOptions>>().Value;
            return new ResilientReminderTable(new PostgresReminderTable(options), "reminders (PostgreSQL)", options.Retry,
                provider.GetService<ILogger<ResilientReminderTable>>() ?? NullLogger<ResilientReminderTable>.Instance);
        });
    }
}
