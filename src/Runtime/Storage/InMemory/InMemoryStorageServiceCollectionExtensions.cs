using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Storage.InMemory;

/// <summary>Registers the in-memory (test-only) storage providers.</summary>
public static class InMemoryStorageServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="InMemoryGrainStorage"/> as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddInMemoryGrainStorage(this IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return services.AddKeyedSingleton<IGrainStorage, InMemoryGrainStorage>(name);
    }

    /// <summary>Registers an <see cref="InMemoryReminderTable"/> as the <see cref="IReminderTable"/>.</summary>
    public static IServiceCollection AddInMemoryReminderTable(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<IReminderTable, InMemoryReminderTable>();
    }
}
