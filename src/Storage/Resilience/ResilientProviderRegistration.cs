using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Rlvr.Storage.Resilience;

/// <summary>
/// Puts the retry decorators in front of grain storage and reminder tables: around ours as they are registered, and
/// around one already registered (Orleans' Azure providers) by replacing its registration with a decorated one.
/// </summary>
internal static class ResilientProviderRegistration
{
    /// <summary>Registers <paramref name="create"/>'s storage, behind retries, as the Orleans grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddResilientGrainStorage(this ISiloBuilder silo, string name, string backend,
        Func<IServiceProvider, string, IGrainStorage> create)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        silo.Services.AddGrainStorage(name, (provider, key) => Decorate(provider, create(provider, key), key, backend));
        return silo;
    }

    /// <summary>Registers <paramref name="create"/>'s table, behind retries, as Orleans' reminder table, and the reminder service.</summary>
    public static ISiloBuilder UseResilientReminderTable(this ISiloBuilder silo, string backend, Func<IServiceProvider, IReminderTable> create)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(provider => Decorate(provider, create(provider), backend));
        return silo;
    }

    /// <summary>Replaces the registration of the grain storage named <paramref name="name"/> by the same storage behind retries.</summary>
    public static ISiloBuilder DecorateGrainStorage(this ISiloBuilder silo, string name, string backend)
    {
        var registered = silo.Services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException($"No grain storage named '{name}' is registered to put retries in front of.");
        silo.Services.Remove(registered);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) =>
            Decorate(provider, (IGrainStorage)Create(registered, provider, key), name, backend));
        return silo;
    }

    /// <summary>Replaces the registration of the reminder table by the same table behind retries.</summary>
    public static ISiloBuilder DecorateReminderTable(this ISiloBuilder silo, string backend)
    {
        var registered = silo.Services.LastOrDefault(d => d.ServiceType == typeof(IReminderTable) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No reminder table is registered to put retries in front of.");
        silo.Services.Remove(registered);
        silo.Services.AddSingleton<IReminderTable>(provider => Decorate(provider, (IReminderTable)Create(registered, provider, null), backend));
        return silo;
    }

    private static ResilientGrainStorage Decorate(IServiceProvider provider, IGrainStorage inner, string name, string backend) =>
        new(inner, $"{name} ({backend})", new StorageRetryOptions(),
            provider.GetService<ILogger<ResilientGrainStorage>>() ?? NullLogger<ResilientGrainStorage>.Instance);

    private static ResilientReminderTable Decorate(IServiceProvider provider, IReminderTable inner, string backend) =>
        new(inner, $"reminders ({backend})", new StorageRetryOptions(),
            provider.GetService<ILogger<ResilientReminderTable>>() ?? NullLogger<ResilientReminderTable>.Instance);

    private static object Create(ServiceDescriptor registered, IServiceProvider provider, object? key) => registered.IsKeyedService
        ? registered.KeyedImplementationInstance
          ?? registered.KeyedImplementationFactory?.Invoke(provider, key)
          ?? ActivatorUtilities.CreateInstance(provider, registered.KeyedImplementationType!)
        : registered.ImplementationInstance
          ?? registered.ImplementationFactory?.Invoke(provider)
          ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
}
