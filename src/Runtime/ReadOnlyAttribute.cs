namespace Rlvr.Runtime;

/// <summary>
/// On a grain interface method: the method does not change state, so it may interleave with other read-only calls
/// (never with a call that is not read-only). A scheduling promise the grain must keep.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
