namespace Rlvr.Runtime;

/// <summary>On a grain interface method: the call interleaves with any other call of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
