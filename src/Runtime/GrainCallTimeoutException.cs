namespace Rlvr.Runtime;

/// <summary>A grain call did not complete within its timeout. The message names the grain, method and call chain.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException() { }

    public GrainCallTimeoutException(string message) : base(message) { }

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}
