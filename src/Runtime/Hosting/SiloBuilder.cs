using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Hosting;

internal sealed class SiloBuilder(IServiceCollection services, GrainClassList grainClasses) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public ISiloBuilder AddGrain<TGrain>() where TGrain : Grain
    {
        if (typeof(TGrain).IsAbstract)
        {
            throw new ArgumentException($"Grain class {typeof(TGrain).FullName} is abstract.", nameof(TGrain));
        }
        grainClasses.Add(typeof(TGrain));
        return this;
    }

    public ISiloBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        grainClasses.AddRange(assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && t.IsSubclassOf(typeof(Grain))));
        return this;
    }

    public ISiloBuilder Configure(Action<SiloOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
