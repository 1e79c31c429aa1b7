namespace Rlvr.Runtime;

/// <summary>
/// A call would re-enter a non-reentrant grain that is already waiting further up the call chain (A -> B -> A), which
/// would deadlock; it fails at once instead. The message shows the chain.
/// </summary>
public sealed class GrainCallCycleException : InvalidOperationException
{
    public GrainCallCycleException() { }

    public GrainCallCycleException(string message) : base(message) { }

    public GrainCallCycleException(string message, Exception innerException) : base(message, innerException) { }
}
