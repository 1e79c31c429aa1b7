namespace Rlvr.Runtime;

/// <summary>
/// A grain could not be activated (its constructor could not be resolved, its state did not load, or
/// <see cref="Grain.OnActivateAsync"/> threw). The calls waiting for it fail with this; the next call tries again.
/// </summary>
public sealed class GrainActivationException : Exception
{
    public GrainActivationException() { }

    public GrainActivationException(string message) : base(message) { }

    public GrainActivationException(string message, Exception innerException) : base(message, innerException) { }
}
