using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Storage.Resilience;

/// <summary>The registration every durable provider shares: options, then the provider behind the retry decorator.</summary>
internal static class ResilientStorageRegistration
{
    public static IServiceCollection AddResilientGrainStorage<TOptions>(this IServiceCollection services, string name,
        Action<TOptions> configure, string providerLabel, Func<TOptions, IGrainStorage> create, Func<TOptions, StorageRetryOptions> retry)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TOptions>(name).Configure(configure);
        return services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
            return new ResilientGrainStorage(create(options), $"{name} ({providerLabel})", retry(options),
                provider.GetService<ILogger<ResilientGrainStorage>>() ?? NullLogger<ResilientGrainStorage>.Instance);
        });
    }

    public static IServiceCollection AddResilientReminderTable<TOptions>(this IServiceCollection services,
        Action<TOptions> configure, string providerLabel, Func<TOptions, IReminderTable> create, Func<TOptions, StorageRetryOptions> retry)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TOptions>().Configure(configure);
        return services.AddSingleton<IReminderTable>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
            return new ResilientReminderTable(create(options), $"reminders ({providerLabel})", retry(options),
                provider.GetService<ILogger<ResilientReminderTable>>() ?? NullLogger<ResilientReminderTable>.Instance);
        });
    }
}
