using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Calls;

/// <summary>A call to a grain method, in flight: target, method, arguments, the calling chain and the deadline.</summary>
internal abstract class GrainRequest(
    GrainId target, GrainClassInfo grainClass, GrainMethod method, object?[] arguments, TurnKind kind, CallFrame? caller, long deadline, long timeoutMilliseconds)
    : Turn(kind)
{
    public GrainId Target { get; } = target;

    public GrainClassInfo GrainClass { get; } = grainClass;

    public GrainMethod Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public CallFrame? Caller { get; } = caller;

    public long Deadline { get; } = deadline;

    /// <summary>The timeout the deadline was computed from, for the timeout's message.</summary>
    public long TimeoutMilliseconds { get; } = timeoutMilliseconds;

    /// <summary>The <see cref="CallDeadlines"/> slot this request is linked into; -1 when it is not.</summary>
    public int DeadlineSlot { get; set; } = -1;

    public GrainRequest? DeadlinePrevious { get; set; }

    public GrainRequest? DeadlineNext { get; set; }

    public override bool KeepsAlive => true;

    public override bool IsExpired(long now) => now >= Deadline;

    public override void Forward(Catalog catalog) => _ = catalog.DispatchAsync(this);

    /// <summary>Fails the call with <see cref="GrainCallTimeoutException"/> naming the grain, method and call chain.</summary>
    public void TimeOut()
    {
        var chain = Caller is null ? "(none: called from outside any grain)" : Caller.ToString();
        Reject(new GrainCallTimeoutException(
            $"Call to {Target}.{Method.Name} timed out after {TimeoutMilliseconds} ms; call chain: {chain}."));
    }
}
