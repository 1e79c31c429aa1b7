using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Calls;

/// <summary>A call to a grain method, in flight: target, method, arguments, the calling chain and the deadline.</summary>
internal abstract class GrainRequest(GrainId target, GrainClassInfo grainClass, GrainMethod method, object?[] arguments, TurnKind kind, CallFrame? caller, long deadline)
    : Turn(kind)
{
    public GrainId Target { get; } = target;

    public GrainClassInfo GrainClass { get; } = grainClass;

    public GrainMethod Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public CallFrame? Caller { get; } = caller;

    public long Deadline { get; } = deadline;

    public override bool KeepsAlive => true;

    public override bool IsExpired(long now) => now >= Deadline;

    public override void Forward(Catalog catalog) => _ = catalog.DispatchAsync(this);
}
