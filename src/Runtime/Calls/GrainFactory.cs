using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Calls;

/// <summary>Creates grain references: proxies of the grain interface bound to the router.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, GrainCallRouter router) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey =>
        (TGrainInterface)GetGrain(typeof(TGrainInterface), key);

    public object GetGrain(Type grainInterface, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainClass = registry.ForInterface(grainInterface);
        return GrainReference.Create(grainInterface, new GrainId(grainClass.TypeName, key), grainClass, router);
    }
}
