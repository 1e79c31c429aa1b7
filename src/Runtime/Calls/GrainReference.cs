using System.Reflection;
using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Calls;

/// <summary>
/// The proxy behind every grain reference (a <see cref="DispatchProxy"/> implementing the grain interface): each
/// interface call becomes a grain request sent through the router.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives the generated proxy from this class
internal class GrainReference : DispatchProxy
#pragma warning restore CA1852
{
    public GrainId GrainId { get; private set; }

    public GrainClassInfo GrainClass { get; private set; } = null!;

    public Type Interface { get; private set; } = null!;

    public GrainCallRouter Router { get; private set; } = null!;

    public static object Create(Type grainInterface, GrainId grainId, GrainClassInfo grainClass, GrainCallRouter router)
    {
        var proxy = DispatchProxy.Create(grainInterface, typeof(GrainReference));
        var reference = (GrainReference)proxy;
        reference.GrainId = grainId;
        reference.GrainClass = grainClass;
        reference.Interface = grainInterface;
        reference.Router = router;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        GrainMethod.For(targetMethod!).Send(this, args ?? []);
}
