using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Rlvr.Runtime.Hosting;

/// <summary>Configures the silo: its services (storage providers, reminder table), grain classes and options.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    /// <summary>Registers one grain class.</summary>
    ISiloBuilder AddGrain<TGrain>() where TGrain : Grain;

    /// <summary>Registers every concrete <see cref="Grain"/> subclass of <paramref name="assembly"/>.</summary>
    ISiloBuilder AddGrains(Assembly assembly);

    ISiloBuilder Configure(Action<SiloOptions> configure);
}
